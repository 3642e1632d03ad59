"""How many cases share each combination of the staff queue's facet values.

The queue shows, beside its filters, how many of the user's cases each status, category,
district, hotline and source holds. Counted live, that is a GROUP BY over every case of the
user's bureaus (a quarter of a million for the largest one at a million cases, 0.3–0.6 s per
page). These rows hold the same numbers ahead of time: database triggers on the case table
(migration 0015) add and subtract on every insert, update and delete, bulk ones included, so
no code path can forget them, and a facet becomes a sum over a few hundred rows.

`manage.py check_case_tallies` compares them with a live count (and `--repair` rebuilds them).
"""

from django.db import models

# Columns of the case table the tallies are keyed on (a NULL district is tallied as 0).
KEY_COLUMNS = ("bureau_id", "status", "category_id", "district_id", "channel_id", "source")


class CaseTally(models.Model):
    """The number of cases with one bureau, status, category, district, channel and source.

    Plain integers rather than foreign keys: the rows are written by triggers only, and a
    combination whose count falls to 0 simply stays at 0."""

    bureau_id = models.IntegerField()
    status = models.CharField(max_length=24)
    category_id = models.IntegerField()
    district_id = models.IntegerField()  # 0: no district
    channel_id = models.IntegerField()
    source = models.CharField(max_length=10)
    cases = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=list(KEY_COLUMNS), name="case_tally_key"),
        ]

    def __str__(self):
        return f"{dict(zip(KEY_COLUMNS, self.key, strict=True))}: {self.cases}"

    @property
    def key(self) -> tuple:
        return tuple(getattr(self, column) for column in KEY_COLUMNS)
