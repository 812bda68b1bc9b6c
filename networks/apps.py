from django.apps import AppConfig
from django.db.models.signals import post_migrate


class NetworksConfig(AppConfig):
    name = "networks"
    verbose_name = "เครือข่ายกลุ่มออมทรัพย์เพื่อการผลิต"

    def ready(self):
        from core.reference import ensure_after_migrate

        post_migrate.connect(
            ensure_after_migrate("networks", "SeatKind", "0002_seat_kinds_of_the_draft_orders", "load"),
            sender=self, weak=False, dispatch_uid="networks_seat_kinds",
        )
