"""Permission matrix for every review view: anonymous, other district, same district, province,
other province, national. Outside the area is a 404; inside but not allowed is a 403; nothing is
written on a denial."""

import pytest
from django.urls import reverse

from reviews.models import GroupReview, ReviewEvent, Round, Submission

from .conftest import classify_all, login, submit

ROLES = ["anonymous", "other_district", "district", "province", "other_province", "national"]


def _url(name, round_, submission, review):
    kwargs = {
        "round": {"pk": round_.pk}, "submission": {"pk": submission.pk},
        "review": {"pk": submission.pk, "review_pk": review.pk},
    }
    scope = {"round_create": None, "rounds": None}.get(name, "x")
    if scope is None:
        return reverse(f"reviews:{name}")
    kind = "round" if name in ("round", "round_accept_many", "follow_up", "round_export") else (
        "review" if name == "review_edit" else "submission")
    return reverse(f"reviews:{name}", kwargs=kwargs[kind])


# view name → expected status per role (anonymous is always a redirect to the login page)
GET_MATRIX = {
    "rounds":          {"other_district": 200, "district": 200, "province": 200, "other_province": 200, "national": 200},
    "round_create":    {"other_district": 403, "district": 403, "province": 200, "other_province": 200, "national": 403},
    "round":           {"other_district": 302, "district": 302, "province": 200, "other_province": 404, "national": 200},
    "follow_up":       {"other_district": 200, "district": 200, "province": 200, "other_province": 404, "national": 200},
    "round_export":    {"other_district": 200, "district": 200, "province": 200, "other_province": 404, "national": 200},
    "submission":      {"other_district": 404, "district": 200, "province": 200, "other_province": 404, "national": 200},
    "review_edit":     {"other_district": 404, "district": 200, "province": 200, "other_province": 404, "national": 200},
    "sheet_download":  {"other_district": 404, "district": 200, "province": 200, "other_province": 404, "national": 200},
    "sheet_upload":    {"other_district": 404, "district": 200, "province": 403, "other_province": 404, "national": 403},
    "submit":          {"other_district": 404, "district": 200, "province": 403, "other_province": 404, "national": 403},
    "bulk_compliant":  {"other_district": 404, "district": 302, "province": 403, "other_province": 404, "national": 403},
    "return":          {"other_district": 404, "district": 403, "province": 200, "other_province": 404, "national": 403},
}


def _client(client, users, role):
    if role != "anonymous":
        login(client, users[role])
    return client


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", list(GET_MATRIX))
def test_get_matrix(client, users, round_, submission, name, role):
    review = submission.reviews.first()
    response = _client(client, users, role).get(_url(name, round_, submission, review))
    expected = 302 if role == "anonymous" else GET_MATRIX[name][role]
    assert response.status_code == expected
    if role == "anonymous":
        assert response["Location"].startswith("/login/")


def _state():
    return (
        list(Submission.objects.order_by("pk").values_list("status", "return_reason")),
        list(GroupReview.objects.order_by("pk").values_list("category", flat=True)),
        ReviewEvent.objects.count(), Round.objects.count(),
    )


POSTS = {
    "review_edit": {"category": "1"},
    "bulk_compliant": {"scope": "all"},
    "submit": {"signer_role": "chief", "signer_name": "นายสมชาย ใจดี", "signer_position": "นายอำเภอเมืองลำปาง",
               "letter_number": "ลป ๐๐๑๙.๑/๑", "letter_date": "02/12/2567"},
    "return": {"reason": "แก้ไขประเภทที่ ๓"},
    "accept": {},
    "round_accept_many": {},
    "round_create": {"title": "รอบใหม่", "reference_number": "ลป ๐๐๑๙.๔/ว ๑", "letter_date": "01/01/2568",
                     "due_on": "31/01/2568"},
}
# The roles allowed to make each write; every other role must be refused with nothing written.
ALLOWED = {"review_edit": {"district"}, "bulk_compliant": {"district"}, "submit": {"district"},
           "return": {"province"}, "accept": {"province"}, "round_accept_many": {"province"},
           "round_create": {"province", "other_province"}}
DENIED_STATUS = {"anonymous": 302, "other_district": 404, "other_province": 404}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", list(POSTS))
def test_post_matrix_nothing_written_on_denial(client, users, round_, submission, district_user, name, role):
    if name in ("return", "accept", "round_accept_many"):
        classify_all(submission, district_user)
        submit(submission, district_user)
    elif name == "submit":
        classify_all(submission, district_user)
    review = submission.reviews.first()
    data = dict(POSTS[name])
    if name == "round_accept_many":
        data["submission"] = str(submission.pk)
    before = _state()
    response = _client(client, users, role).post(_url(name, round_, submission, review), data)
    if role in ALLOWED[name]:
        assert response.status_code == 302, getattr(response, "context", None) and response.context.get("form").errors
        assert _state() != before
    else:
        expected = DENIED_STATUS.get(role, 403)
        if name in ("round_create",):
            expected = {"anonymous": 302}.get(role, 403)
        if name == "round_accept_many" and role == "other_district":
            expected = 403  # the round is visible to the province's districts; deciding is not theirs
        assert response.status_code == expected
        assert _state() == before
