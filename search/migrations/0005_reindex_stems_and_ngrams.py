"""The database index now stores English words as Porter stems and, for pages, every two- and
three-character Chinese sequence. Entries written before that are queued as ordinary pending
index work, which the hourly `search_index --retry` (or `--retry --all` at once, or a
`--rebuild`) applies.

Only what changed is queued: every page (a few thousand at most), and the cases whose tokens
have a Latin word of three letters or more (a stem can differ); a million Chinese cases stay.
Elasticsearch needs `search_index --rebuild` for its new subfields (docs/search.md).
"""

from django.db import migrations
from django.db.models import Q
from django.utils import timezone

BATCH = 1000
LATIN_WORD = r"[a-z]{3}"


def queue(apps, schema_editor):
    IndexEntry = apps.get_model("search", "IndexEntry")
    Pending = apps.get_model("search", "PendingIndexOperation")
    alias = schema_editor.connection.alias
    changed = IndexEntry.objects.using(alias).filter(
        Q(kind="content")
        | Q(title_tokens__regex=LATIN_WORD)
        | Q(body_tokens__regex=LATIN_WORD)
    )
    now = timezone.now()
    batch = []
    for source, object_id in changed.values_list("source", "object_id").iterator():
        batch.append(
            Pending(
                source=source,
                object_id=object_id,
                action="index",
                next_attempt_at=now,
                requested_at=now,
            )
        )
        if len(batch) >= BATCH:
            Pending.objects.using(alias).bulk_create(batch, ignore_conflicts=True)
            batch = []
    Pending.objects.using(alias).bulk_create(batch, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [("search", "0004_content_vector_index")]

    operations = [migrations.RunPython(queue, migrations.RunPython.noop)]
