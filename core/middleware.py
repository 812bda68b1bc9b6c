"""A database that is busy answers "try again" in Thai, never a stuck worker or a bare 500.

PostgreSQL ends a statement that waited longer than `lock_timeout` for a row lock, or ran longer
than `statement_timeout` (settings: DB_LOCK_TIMEOUT_MS, DB_STATEMENT_TIMEOUT_MS), and a rare
deadlock loser; SQLite gives up with "database is locked" after its busy timeout. Each of these
rolls the request's transaction back (nothing was written), so the officer may simply send the
form again: a 503 page that says so, with Retry-After.
"""

from django.db import OperationalError
from django.shortcuts import render

# lock_not_available, query_canceled (statement_timeout), deadlock_detected, serialization_failure
BUSY_SQLSTATES = {"55P03", "57014", "40P01", "40001"}


def is_busy(error: BaseException) -> bool:
    """Whether a database error means "busy, try again" rather than a fault in the code."""
    if not isinstance(error, OperationalError):
        return False
    code = getattr(error.__cause__, "pgcode", None) or getattr(error, "pgcode", None)
    if code in BUSY_SQLSTATES:
        return True
    return "database is locked" in str(error)


class DatabaseBusyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_busy(exception):
            return None
        response = render(request, "busy.html", status=503)
        response["Retry-After"] = "5"
        return response
