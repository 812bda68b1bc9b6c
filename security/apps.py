from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "security"
    verbose_name = "ความปลอดภัยและข้อมูลส่วนบุคคล"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from security.middleware import stamp_session

        user_logged_in.connect(stamp_session, dispatch_uid="security.stamp_session")
