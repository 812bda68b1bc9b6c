"""Every page type of the registry, per role, as paths on the demo data (`seed_demo`).

Shared by bench/screenshots.py (images of each page at 390 and 1280 px) and the e2e width test.
Each entry: (name, path, selector of the page's main action or content).
"""

from django.db.models import Q


def page_types(role: str) -> list[tuple[str, str, str]]:
    """The pages a user of `role` ("district", "province", "national", "anonymous") opens."""
    from groups.models import Activity, SavingsGroup
    from networks.models import Committee, Network
    from networks.models.plans import DrivePlan
    from printing.models import IssuedDocument
    from reviews.models import GroupReview, Round, Submission

    if role == "anonymous":
        return [("login", "/login/", "button[type=submit]"),
                ("password-reset", "/password/reset/", "button[type=submit]"),
                ("about", "/about/", "main h1")]
    pages = [("home", "/", "main h1")]
    if role == "district":
        district = "5201"
        group = SavingsGroup.objects.filter(district_id=district, status="active").order_by("code").first()
        activity = Activity.objects.filter(group__district_id=district).order_by("pk").first()
        submission = Submission.objects.filter(district_id=district).order_by("-round__letter_date").first()
        review = GroupReview.objects.filter(submission=submission).order_by("group__code").first()
        amphoe = Network.objects.filter(district_id=district, level="amphoe").first()
        tambon = Network.objects.filter(district_id=district, level="tambon").order_by("pk").first()
        committee = Committee.objects.filter(network=tambon).order_by("-term_start").first()
        plan = DrivePlan.objects.filter(network__district_id=district).order_by("pk").first()
        issued = IssuedDocument.objects.filter(district_id=district).order_by("pk").first()
        pages += [
            ("groups-list", "/groups/", "main table"),
            ("group-detail", f"/groups/{group.pk}/", "main h1"),
            ("group-edit", f"/groups/{group.pk}/edit/", "main form button[type=submit]"),
            ("group-create", "/groups/new/", "main form button[type=submit]"),
            ("activity-edit", f"/groups/{group.pk}/activities/{activity.pk}/" if activity else
             f"/groups/{group.pk}/activities/new/", "main form button[type=submit]"),
            ("spreadsheets", "/spreadsheets/", "main h1"),
            ("rounds", "/reviews/", "main table"),
            ("submission", f"/reviews/submissions/{submission.pk}/", "main table"),
            ("review-edit", f"/reviews/submissions/{submission.pk}/groups/{review.pk}/", "main form button[type=submit]"),
            ("submit-form", f"/reviews/submissions/{submission.pk}/submit/", "main h1"),
            ("sheet-upload", f"/reviews/submissions/{submission.pk}/sheet/", "main h1"),
            ("networks", "/networks/", "main h1"),
            ("network-amphoe", f"/networks/{amphoe.pk}/", "main h1"),
            ("network-tambon", f"/networks/{tambon.pk}/", "main h1"),
            ("committee", f"/networks/committees/{committee.pk}/", "main h1"),
            ("committee-seats", f"/networks/committees/{committee.pk}/seats/", "main h1"),
            ("money", f"/networks/{tambon.pk}/money/", "main h1"),
            ("batches", "/printing/batches/", "main h1"),
            ("notice-settings", "/notices/settings/", "main form button[type=submit]"),
            ("password-change", "/password/change/", "main form button[type=submit]"),
        ]
        if plan:
            pages.append(("plan", f"/networks/plans/{plan.pk}/", "main h1"))
        if issued:
            pages.append(("issued", f"/printing/issued/{issued.pk}/", "main h1"))
    elif role == "province":
        round_ = Round.objects.filter(province_id="52").order_by("-letter_date").first()
        submitted = (Submission.objects.filter(round=round_).filter(Q(status="submitted") | Q(status="returned"))
                     .order_by("district_id").first())
        follow = GroupReview.objects.filter(round__province_id="52").exclude(follow_up_status="").first()
        pages += [
            ("rounds", "/reviews/", "main table"),
            ("round", f"/reviews/{round_.pk}/", "main table"),
            ("round-create", "/reviews/new/", "main form button[type=submit]"),
            ("submission", f"/reviews/submissions/{submitted.pk}/", "main table"),
            ("return-form", f"/reviews/submissions/{submitted.pk}/return/", "main h1"),
            ("groups-list", "/groups/", "main table"),
            ("networks", "/networks/", "main h1"),
        ]
        if follow:
            pages += [("follow-up", f"/reviews/{follow.round_id}/follow-up/", "main table"),
                      ("follow-up-visit", f"/reviews/{follow.round_id}/follow-up/{follow.pk}/", "main h1")]
    elif role == "national":
        pages += [
            ("groups-list", "/groups/", "main table"),
            ("rounds", "/reviews/", "main table"),
            ("networks", "/networks/", "main h1"),
            ("admin", "/admin/", "#content"),
            ("admin-users", "/admin/accounts/user/", "#content"),
        ]
    return pages


USERS = {"district": "amphoe5201", "province": "province52", "national": "admin"}
