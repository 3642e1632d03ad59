"""Benchmark-only middleware: the number of SQL queries a request ran, in X-Bench-Queries, and
the number of new database connections it opened, in X-Bench-Connects.

Counts through connection.execute_wrapper, so it works with DEBUG off. Sync middleware: under
ASGI, Django runs it and the view in the same thread, on the same connection.
"""

import threading

from django.db import connections
from django.db.backends.signals import connection_created

HEADER = "X-Bench-Queries"
CONNECTS_HEADER = "X-Bench-Connects"
_local = threading.local()


def _count_connect(sender, connection, **kwargs):
    _local.connects = getattr(_local, "connects", 0) + 1


connection_created.connect(_count_connect, weak=False)


class QueryCountMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count = [0]
        _local.connects = 0

        def counter(execute, sql, params, many, context):
            count[0] += 1
            return execute(sql, params, many, context)

        wrappers = [connections[alias].execute_wrapper(counter) for alias in connections]
        for wrapper in wrappers:
            wrapper.__enter__()
        try:
            response = self.get_response(request)
        finally:
            for wrapper in reversed(wrappers):
                wrapper.__exit__(None, None, None)
        response[HEADER] = str(count[0])
        response[CONNECTS_HEADER] = str(_local.connects)
        return response
