"""Responses that may hold personal data are never stored by a browser or a proxy, and each
export, print and view of full national IDs is recorded (security.access)."""

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
