"""The one audit-event shape (core.events): every event table stands on it, stores kind codes
labelled by its choices, takes its time from the service, and answers `visible_to` with the area
rule; the migrations turn the free texts stored before into codes and back."""

import datetime as dt
import importlib

import pytest
from django.apps import apps
from django.utils import timezone

from core.events import AuditEvent
from groups.models import GroupChange
from networks import services as network_services
from networks.models import Committee, NetworkEvent
from networks.services.events import record_event
from printing.models import DocumentEvent, DocumentKind, IssuedDocument, PrintJob
from reviews.models import ReviewEvent
from tests.networks.helpers import district_networks, groups_in

EVENT_TABLES = [GroupChange, ReviewEvent, NetworkEvent, DocumentEvent]
NETWORK_CODES = importlib.import_module("networks.migrations.0006_network_event_kind_codes")
DOCUMENT_CODES = importlib.import_module("printing.migrations.0006_document_event_kind_codes")


@pytest.mark.parametrize("model", EVENT_TABLES, ids=lambda m: m.__name__)
def test_every_event_table_has_the_one_shape(model):
    assert issubclass(model, AuditEvent)
    at = model._meta.get_field("at")
    assert (at.auto_now_add, at.auto_now, at.has_default()) == (False, False, False)  # the service's `now`
    kind = model._meta.get_field(model.KIND_FIELD)
    assert kind.choices and all(code.isascii() for code, _label in kind.choices)
    assert callable(model.objects.visible_to)
    assert model._meta.ordering == ["-at", "-pk"]


@pytest.mark.parametrize(("model", "migration"), [(NetworkEvent, NETWORK_CODES), (DocumentEvent, DOCUMENT_CODES)],
                         ids=["network", "document"])
def test_each_code_is_labelled_with_the_text_it_replaced(model, migration):
    # The pages show the same words as before the codes; the migration knows every code.
    labels = {code: label for code, label in model.Kind.choices if code != "other"}
    assert {code: text for text, code in migration.TEXT_TO_CODE.items()} == labels


@pytest.mark.parametrize(("model", "migration", "target"), [
    (NetworkEvent, NETWORK_CODES, "network"), (DocumentEvent, DOCUMENT_CODES, "document"),
], ids=["network", "document"])
def test_the_migration_turns_texts_into_codes_and_back(db, district_user, model, migration, target):
    first_text, first_code = next(iter(migration.TEXT_TO_CODE.items()))
    if target == "network":
        groups_in("520101", moos=(1,), per_village=1)
        amphoe, _tambons = district_networks(district_user)
        model.objects.all().delete()
        owner = {"network": amphoe}
    else:
        owner = {"job": PrintJob.objects.create(kind=DocumentKind.ORDER, district_id="5201", requested_by=district_user)}
    now = timezone.now()
    known = model.objects.create(kind=first_text, note="รายละเอียดเดิม", actor=district_user, at=now, **owner)
    unknown = model.objects.create(kind="ข้อความที่ไม่มีรหัส", note="ที่มากับเหตุการณ์", actor=district_user, at=now,
                                   **owner)
    bare = model.objects.create(kind="ข้อความเดี่ยว", actor=district_user, at=now, **owner)

    migration.texts_to_codes(apps, None)
    rows = {e.pk: (e.kind, e.note) for e in model.objects.all()}
    assert rows == {known.pk: (first_code, "รายละเอียดเดิม"),
                    unknown.pk: ("other", "ข้อความที่ไม่มีรหัส: ที่มากับเหตุการณ์"),
                    bare.pk: ("other", "ข้อความเดี่ยว")}
    migration.texts_to_codes(apps, None)  # running it again changes nothing
    assert {e.pk: (e.kind, e.note) for e in model.objects.all()} == rows

    migration.codes_to_texts(apps, None)
    assert {e.pk: (e.kind, e.note, e.data) for e in model.objects.all()} == {
        known.pk: (first_text, "รายละเอียดเดิม", {}), unknown.pk: ("ข้อความที่ไม่มีรหัส", "ที่มากับเหตุการณ์", {}),
        bare.pk: ("ข้อความเดี่ยว", "", {})}


def test_a_network_event_takes_the_services_time_and_its_moves_old_and_new(db, district_user):
    groups_in("520101", moos=(1, 2, 3), per_village=2)
    _amphoe, tambons = district_networks(district_user)
    committee = network_services.committee_create(network=tambons[0], actor=district_user, term_start=dt.date(2023, 7, 24))
    event = NetworkEvent.objects.filter(committee=committee).get()
    assert (event.kind, event.get_kind_display(), event.note) == (
        "committee_created", "ตั้งคณะกรรมการ", "วาระเริ่ม 24 กรกฎาคม 2566")
    fixed = timezone.make_aware(dt.datetime(2026, 1, 5, 9, 30))
    recorded = record_event(tambons[0], district_user, NetworkEvent.Kind.COMMITTEE_STATUS, "ร่าง → พร้อม", committee,
                            now=fixed, old=Committee.Status.DRAFT, new=Committee.Status.READY)
    recorded.refresh_from_db()
    assert (recorded.at, recorded.old, recorded.new, recorded.data) == (
        fixed, "draft", "ready", {"old": "draft", "new": "ready"})


def test_a_network_event_refuses_a_kind_that_is_not_a_code(db, district_user):
    groups_in("520101", moos=(1,), per_village=1)
    amphoe, _tambons = district_networks(district_user)
    with pytest.raises(ValueError):
        record_event(amphoe, district_user, "สร้างเครือข่าย")


def test_network_events_are_seen_within_the_networks_area(db, users):
    groups_in("520101", moos=(1,), per_village=1)
    amphoe, tambons = district_networks(users["district"])
    ours = set(NetworkEvent.objects.filter(network__in=[amphoe, *tambons]).values_list("pk", flat=True))
    assert ours  # creating the district's networks wrote their events
    seen = {role: set(NetworkEvent.objects.visible_to(user).values_list("pk", flat=True))
            for role, user in users.items()}
    assert seen == {"district": ours, "other_district": set(), "province": ours, "other_province": set(),
                    "national": ours}


def test_document_events_are_seen_within_the_documents_area_and_by_who_asked_for_a_batch(db, users):
    district = users["district"]
    document = IssuedDocument.objects.create(
        kind=DocumentKind.ORDER, record_id=1, district_id="5201", title="คำสั่งอำเภอ", file="issued/x.pdf",
        sha256="0" * 64, size=1, issued_by=district, issued_at=timezone.now())
    job = PrintJob.objects.create(kind=DocumentKind.ORDER, district_id="5201", requested_by=users["province"])
    issued = DocumentEvent.objects.create(document=document, actor=district, kind=DocumentEvent.Kind.ISSUED,
                                          at=document.issued_at)
    batch = DocumentEvent.objects.create(job=job, actor=users["province"], kind=DocumentEvent.Kind.JOB_REQUESTED,
                                         at=job.requested_at)
    seen = {role: set(DocumentEvent.objects.visible_to(user).values_list("pk", flat=True))
            for role, user in users.items()}
    assert seen == {"district": {issued.pk}, "other_district": set(), "province": {issued.pk, batch.pk},
                    "other_province": set(), "national": {issued.pk}}
