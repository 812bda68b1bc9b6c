"""A save that waits too long for a row lock gets the Thai "try again" page, and nothing is written.

PostgreSQL only: another connection holds the group's row lock while the officer saves; the
officer's connection has a short `lock_timeout` (settings: DB_LOCK_TIMEOUT_MS, 3 s by default).
"""

import os
import threading

import pytest
from django.db import connection, transaction
from django.urls import reverse

from groups.models import GroupChange, SavingsGroup
from tests.factories import GroupFactory
from tests.groups.helpers import group_form_data

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(os.environ.get("DATABASE_URL", "").split(":")[0] not in ("postgres", "postgresql", "pgsql"),
                       reason="lock_timeout is PostgreSQL's"),
]


def test_a_save_behind_a_held_lock_answers_try_again_in_thai_and_writes_nothing(client, geography, district_user):
    group = GroupFactory(code="5201010202", name="กลุ่มออมทรัพย์เพื่อการผลิตบ้านหนองบัว", members_total=50)
    locked, release = threading.Event(), threading.Event()

    def hold_the_row():
        with transaction.atomic():
            list(SavingsGroup.objects.select_for_update().filter(pk=group.pk))
            locked.set()
            release.wait(10)
        connection.close()

    holder = threading.Thread(target=hold_the_row)
    holder.start()
    assert locked.wait(10)
    try:
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '200ms'")
        client.force_login(district_user)
        response = client.post(reverse("groups:edit", args=[group.pk]),
                               group_form_data(group, name="ชื่อใหม่ระหว่างที่แถวถูกล็อก"))
    finally:
        release.set()
        holder.join()
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "กรุณารอสักครู่แล้วลองใหม่อีกครั้ง" in response.content.decode()
    group.refresh_from_db()
    assert group.name == "กลุ่มออมทรัพย์เพื่อการผลิตบ้านหนองบัว"
    assert not GroupChange.objects.filter(group=group).exists()
