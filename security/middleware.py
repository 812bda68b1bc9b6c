"""Responses that may hold personal data are never stored by a browser or a proxy, and each
export, print and view of full national IDs is recorded (security.access)."""

import time

from security import access


class PrivateNoStoreMiddleware:
    """`Cache-Control: private, no-store` on every response of the app (static files are served
    before this by WhiteNoise with their own long cache). Pages of logged-in users, PDFs and
    exports hold names and national ID numbers; no page is worth caching at their risk."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response["Cache-Control"] = "private, no-store"
        response.headers.pop("Expires", None)
        return response


class AccessLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        action = access.action_for(request, response)
        if action:
            access.record(request, response, action)
        return response


REFRESH_SECONDS = 300


def stamp_session(sender, request, user, **kwargs):
    """At login the idle clock starts (connected in security.apps)."""
    request.session[SESSION_STAMP] = int(time.time())


SESSION_STAMP = "_idle_refreshed_at"


class SlidingSessionMiddleware:
    """The idle timeout slides: a session used within SESSION_COOKIE_AGE stays alive. It is
    written again at most every five minutes, not on every request (SESSION_SAVE_EVERY_REQUEST
    would write the session row on each page)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is not None and session.session_key:
            stamp = session.get(SESSION_STAMP, 0)
            if time.time() - stamp > REFRESH_SECONDS:
                session[SESSION_STAMP] = int(time.time())  # marks it modified: saved with a new expiry
        return self.get_response(request)
