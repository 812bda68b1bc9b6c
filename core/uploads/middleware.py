"""Request bodies are capped from their Content-Length, before Django reads a byte of them: an
anonymous 300 MB POST to /login/ (or an officer's to an upload page) is answered at once, and
nothing is spooled to memory or disk. A body without Content-Length (chunked) is not read by
Django at all (its WSGI request treats it as empty)."""

from django.shortcuts import render

from core.uploads.limits import MB, body_limit, too_large_message


class RequestBodyLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length:
            authenticated = request.user.is_authenticated  # the session cookie only, not the body
            limit = body_limit(authenticated)
            if length > limit:
                return refuse(request, length, authenticated)
        return self.get_response(request)


def refuse(request, length, authenticated):
    message = (too_large_message(length) if authenticated
               else f"ข้อมูลที่ส่งมามีขนาด {length / MB:,.1f} MB ใหญ่เกินที่หน้านี้รับได้")
    response = render(request, "core/too_large.html", {"message": message}, status=413)
    response["Connection"] = "close"  # the unread body must not be taken for the next request
    return response
