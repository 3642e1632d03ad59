"""Demo data: publish the demo's closed cases (seed_demo calls seed())."""

from search import api as search_api

from .services import publish


def seed(stdout=None, *, index: bool = True) -> None:
    def progress(done: int) -> None:
        if stdout and done % 50_000 < publish.BATCH:  # a line every 50,000 records or so
            stdout.write(f"  public complaint database: {done:,} records published…")

    figures = publish.sync(index=False, progress=progress)
    if stdout:
        stdout.write(
            f"  public complaint database: {figures['published']} published, "
            f"{figures['removed']} removed"
        )
    if figures["published"] and index:
        # One rebuild instead of one index operation per record.
        search_api.rebuild(kinds=("content",))
