"""Full-text index over the jieba-segmented token columns, per database vendor.

PostgreSQL: a stored generated tsvector ('simple' config: the tokens are already segmented)
with the title weighted A, GIN-indexed. SQLite: an external-content FTS5 table kept in step
with search_indexentry by triggers.
"""

from django.db import migrations

POSTGRES_FORWARD = [
    """
    ALTER TABLE search_indexentry ADD COLUMN search_vector tsvector
    GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', coalesce(title_tokens, '')), 'A')
        || setweight(to_tsvector('simple', coalesce(body_tokens, '')), 'B')
    ) STORED
    """,
    "CREATE INDEX search_indexentry_vector_gin ON search_indexentry USING gin (search_vector)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_indexentry_vector_gin",
    "ALTER TABLE search_indexentry DROP COLUMN IF EXISTS search_vector",
]

SQLITE_FORWARD = [
    """
    CREATE VIRTUAL TABLE search_indexentry_fts USING fts5(
        title_tokens, body_tokens,
        content='search_indexentry', content_rowid='id', tokenize='unicode61'
    )
    """,
    """
    CREATE TRIGGER search_indexentry_fts_ai AFTER INSERT ON search_indexentry BEGIN
        INSERT INTO search_indexentry_fts(rowid, title_tokens, body_tokens)
        VALUES (new.id, new.title_tokens, new.body_tokens);
    END
    """,
    """
    CREATE TRIGGER search_indexentry_fts_ad AFTER DELETE ON search_indexentry BEGIN
        INSERT INTO search_indexentry_fts(search_indexentry_fts, rowid, title_tokens, body_tokens)
        VALUES ('delete', old.id, old.title_tokens, old.body_tokens);
    END
    """,
    """
    CREATE TRIGGER search_indexentry_fts_au AFTER UPDATE ON search_indexentry BEGIN
        INSERT INTO search_indexentry_fts(search_indexentry_fts, rowid, title_tokens, body_tokens)
        VALUES ('delete', old.id, old.title_tokens, old.body_tokens);
        INSERT INTO search_indexentry_fts(rowid, title_tokens, body_tokens)
        VALUES (new.id, new.title_tokens, new.body_tokens);
    END
    """,
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_indexentry_fts_au",
    "DROP TRIGGER IF EXISTS search_indexentry_fts_ad",
    "DROP TRIGGER IF EXISTS search_indexentry_fts_ai",
    "DROP TABLE IF EXISTS search_indexentry_fts",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_index_tables")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES_FORWARD, "sqlite": SQLITE_FORWARD}),
            _run({"postgresql": POSTGRES_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        ),
    ]
