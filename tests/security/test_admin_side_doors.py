"""No side door through the Django admin: records of the registry (groups, activities, networks,
committees, reviews, printing, geography, the access logs) are only shown there; every write
goes through the pages and their services, which check the actor and record history. Walks the
admin's own registry, so a model registered later is checked too."""

import pytest
from django.contrib import admin
from django.test import Client, RequestFactory
from django.urls import reverse

DOMAIN_APPS = {"geo", "groups", "reviews", "networks", "printing", "security", "axes", "django_tasks_db"}
# Reference data a national administrator keeps in the admin (README "What is where"); their
# rows are protected from deletion where records use them (on_delete=PROTECT).
# An office's signing certificate is uploaded there too (printing.signing; no audit row to skip).
REFERENCE = {"groups.activitytype", "networks.seatkind", "printing.signingcertificate"}
# Login attempts: "change" is the unlock action only; every field is read-only.
UNLOCK_ONLY = {"axes.accessattempt"}


def _domain_models():
    return [(model, model_admin) for model, model_admin in admin.site._registry.items()
            if model._meta.app_label in DOMAIN_APPS and model._meta.label_lower not in REFERENCE]


@pytest.fixture
def superuser(national_user):
    national_user.is_staff = national_user.is_superuser = True
    national_user.save()
    return national_user


def test_the_domain_models_are_registered(db):
    labels = {model._meta.label_lower for model, _ in _domain_models()}
    assert {"groups.savingsgroup", "groups.activity", "networks.network", "reviews.submission",
            "security.personaldataaccess", "axes.accessattempt"} <= labels


def test_no_domain_model_can_be_added_changed_or_deleted_in_the_admin(superuser):
    request = RequestFactory().get("/admin/")
    request.user = superuser
    for model, model_admin in _domain_models():
        label = model._meta.label_lower
        assert not model_admin.has_add_permission(request), label
        assert not model_admin.has_delete_permission(request), label
        if label in UNLOCK_ONLY:
            assert set(model_admin.get_readonly_fields(request)) >= {f.name for f in model._meta.fields}, label
        else:
            assert not model_admin.has_change_permission(request), label


def test_the_admin_pages_answer_read_only_over_http(superuser):
    client = Client()
    client.force_login(superuser)
    for model, _ in _domain_models():
        info = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        assert client.get(reverse(f"{info}_changelist")).status_code == 200, info
        assert client.get(reverse(f"{info}_add")).status_code == 403, info
