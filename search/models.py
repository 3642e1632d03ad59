"""The database backend's index and the queue of index work that has not reached the engine."""

from django.db import models
from django.utils import timezone


class IndexEntry(models.Model):
    """One searchable document. The full-text index over the *_tokens columns is built by the
    migration: a GIN-indexed tsvector on PostgreSQL, an FTS5 table on SQLite."""

    kind = models.CharField(max_length=10)
    key = models.CharField(max_length=120, unique=True)
    source = models.CharField(max_length=60)
    object_id = models.BigIntegerField()
    language = models.CharField(max_length=10, blank=True)
    title = models.CharField(max_length=300)
    url = models.CharField(max_length=500, blank=True)
    body = models.TextField(blank=True)
    content_type = models.CharField(max_length=40, blank=True)
    type_label = models.CharField(max_length=100, blank=True)
    year = models.SmallIntegerField(null=True, blank=True)
    policy_level = models.CharField(max_length=40, blank=True)
    policy_level_label = models.CharField(max_length=100, blank=True)
    bureau_id = models.BigIntegerField(null=True, blank=True)
    status = models.CharField(max_length=24, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    title_tokens = models.TextField(blank=True)
    body_tokens = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [
            models.Index(fields=["kind", "language"], name="search_entry_kind_lang"),
            # Newest-first case lists: PostgreSQL can walk these and test the match per row,
            # stopping at the page size, instead of sorting every match of a common word.
            models.Index(
                fields=["kind", "bureau_id", "-published_at"], name="search_entry_kind_bureau"
            ),
            models.Index(fields=["kind", "-published_at"], name="search_entry_kind_newest"),
        ]
        verbose_name = "索引条目"
        verbose_name_plural = "索引条目"

    def __str__(self):
        return self.key


class PendingIndexOperation(models.Model):
    """Index work written before it is attempted and deleted once the engine has it, so an
    engine outage loses nothing: retried with backoff, cleared by a rebuild."""

    class Action(models.TextChoices):
        INDEX = "index", "索引"
        REMOVE = "remove", "删除"

    source = models.CharField(max_length=60)
    object_id = models.BigIntegerField()
    action = models.CharField(max_length=10, choices=Action.choices)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)
    next_attempt_at = models.DateTimeField(db_index=True)
    # Reset on every new request, so a rebuild only clears what it has certainly covered.
    requested_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "object_id"], name="search_pending_unique")
        ]
        verbose_name = "待处理索引操作"
        verbose_name_plural = "待处理索引操作"

    def __str__(self):
        return f"{self.action} {self.source}:{self.object_id}"
