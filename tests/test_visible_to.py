"""Who may see a record is one rule per model: `Model.objects.visible_to(user)`.

Every model of the project has it, or is listed below with the reason it does not need one; a
new model that a page lists fails here until it says who may see it.
"""

import pytest
from django.apps import apps

from tests.factories import UserFactory

PROJECT_APPS = {"core", "geo", "accounts", "groups", "reviews", "networks", "printing", "home", "notices",
                "security", "demo"}

WITHOUT_VISIBLE_TO = {
    # Reference data every signed-in user reads (pickers, addresses, seat titles).
    "geo.Province": "reference data",
    "geo.District": "reference data",
    "geo.Subdistrict": "reference data",
    "geo.Village": "reference data",
    "groups.ActivityType": "reference data",
    "networks.SeatKind": "reference data",
    # Read only through a parent that a page finds with the parent's visible_to.
    "networks.SeatHolder": "through Committee.objects.visible_to",
    "networks.ProvinceRepresentatives": "through Network.objects.visible_to",
    "networks.BankAccount": "through Network.objects.visible_to",
    "networks.Signatory": "through Network.objects.visible_to (its bank account)",
    "networks.PlanActivity": "through DrivePlan.objects.visible_to",
    # A user's own settings, always read with owner/user=request.user.
    "groups.ColumnMapping": "the office's own column names, read by the service with the actor",
    "notices.NoticeSettings": "the user's own row",
    # Kept for national administrators in the read-only admin only; no page lists them.
    "accounts.Office": "admin and invitations (national administrators)",
    "accounts.User": "admin and invitations (national administrators)",
    "printing.SigningCertificate": "admin only (national administrators)",
    "security.PersonalDataAccess": "admin only (national administrators)",
}


def _project_models():
    return sorted((m for m in apps.get_models() if m._meta.app_label in PROJECT_APPS), key=lambda m: m._meta.label)


def test_every_model_says_who_may_see_it():
    missing = [m._meta.label for m in _project_models()
               if not hasattr(m._default_manager, "visible_to") and m._meta.label not in WITHOUT_VISIBLE_TO]
    assert missing == []


def test_the_exceptions_are_real_models_without_the_rule():
    labels = {m._meta.label: m for m in _project_models()}
    assert set(WITHOUT_VISIBLE_TO) <= set(labels)
    assert [label for label in WITHOUT_VISIBLE_TO if hasattr(labels[label]._default_manager, "visible_to")] == []


@pytest.mark.django_db
def test_a_user_without_an_office_sees_nothing_of_any_model():
    user = UserFactory(username="nobody", office=None)
    seen = {m._meta.label: m._default_manager.visible_to(user).count() for m in _project_models()
            if hasattr(m._default_manager, "visible_to")}
    assert seen and set(seen.values()) == {0}
