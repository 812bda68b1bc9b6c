from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo and the national-size data (`seed_demo`, `seed_scale`): the one place that reaches
    every app, so that `core`, the ground every app stands on, imports none of them."""

    name = "demo"
    verbose_name = "ข้อมูลสาธิต"
