"""The one search interface the other apps and views use."""


def backend_health() -> tuple[bool, str]:
    return True, "database"
