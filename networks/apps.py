from django.apps import AppConfig


class NetworksConfig(AppConfig):
    name = "networks"
    verbose_name = "เครือข่ายกลุ่มออมทรัพย์เพื่อการผลิต"
