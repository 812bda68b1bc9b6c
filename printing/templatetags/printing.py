"""{% load printing %}{% issued_documents record %}: a record's printed documents on its page."""

from django import template

from printing import registry, services

register = template.Library()


@register.inclusion_tag("printing/_issued_documents.html", takes_context=True)
def issued_documents(context, record):
    request = context.get("request")
    user = getattr(request, "user", None)
    rows = []
    for printable in registry.for_record(record):
        issued = services.issued_for(printable, record) if printable.issuable else None
        can_edit = printable.may_issue(user, record)
        changes = services.changes_since(printable, record, issued) if issued else []
        problems = (printable.issue_problems(record) if printable.issuable and (not issued or changes) and can_edit
                    else [])
        rows.append({"printable": printable, "issued": issued, "can_edit": can_edit, "problems": problems,
                     "changes": changes})
    batchable = any(row["printable"].in_area is not None for row in rows)
    return {"rows": rows, "record": record, "request": request, "batchable": batchable}
