"""What list pages share: the htmx partial or the whole page, and the query string of the filters.

A filter change or a page link sent by htmx gets only the page's results partial
(`template#partial`, django-template-partials); a boosted link or a first visit gets the page.
"""


def htmx_template(request, template: str, partial: str) -> str:
    if request.htmx and not request.htmx.boosted:
        return f"{template}#{partial}"
    return template


def query_without_page(params, keep=None) -> str:
    """The filters of the request, without `page`, for the pagination links (only `keep` if given)."""
    query = params.copy()
    for key in list(query):
        if key == "page" or (keep is not None and key not in keep):
            query.pop(key)
    return query.urlencode()


def form_saved(request, form, write) -> bool:
    """True once a posted, valid form has been written by `write()` (a service call). A service's
    refusal (ValidationError) is shown on the form, field by field, and nothing is written."""
    from django.core.exceptions import ValidationError

    from core.forms import apply_validation_error

    if request.method != "POST" or not form.is_valid():
        return False
    try:
        write()
    except ValidationError as error:
        apply_validation_error(form, error)
        return False
    return True
