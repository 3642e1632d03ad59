"""Settings for the servers and workers the resilience tests start as subprocesses: the
environment decides the services (as in production), debugging is off, retries are quick."""

from portal.settings.dev import *  # noqa: F403

DEBUG = False
# A pending notification no worker has finished for this long counts as lost (default 600 s).
NOTIFICATION_STALE_PENDING_SECONDS = 2
