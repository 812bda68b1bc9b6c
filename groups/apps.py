from django.apps import AppConfig


class GroupsConfig(AppConfig):
    name = "groups"
    verbose_name = "กลุ่มออมทรัพย์เพื่อการผลิต"
