from django.apps import AppConfig
from django.db.models.signals import post_migrate


class GroupsConfig(AppConfig):
    name = "groups"
    verbose_name = "กลุ่มออมทรัพย์เพื่อการผลิต"

    def ready(self):
        from core.reference import ensure_after_migrate

        post_migrate.connect(
            ensure_after_migrate("groups", "ActivityType", "0002_activity_types", "add_types"),
            sender=self, weak=False, dispatch_uid="groups_activity_types",
        )
