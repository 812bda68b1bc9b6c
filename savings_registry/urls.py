from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from accounts import forms as account_forms
from accounts import views as account_views
from core import views as core_views
from home import views as home_views
from security import views as security_views

admin.site.site_header = "ทะเบียนกลุ่มออมทรัพย์เพื่อการผลิต: ผู้ดูแลระบบ"
admin.site.site_title = "ผู้ดูแลระบบ"
admin.site.index_title = "จัดการผู้ใช้ สำนักงาน และข้อมูลอ้างอิง"

urlpatterns = [
    path("", home_views.home, name="home"),
    path("about/", core_views.about, name="about"),
    path("login/", auth_views.LoginView.as_view(template_name="registration/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    # Passwords: change one's own, reset a forgotten one by e-mail (Django's views, Thai templates
    # in templates/registration/); an invited user sets theirs through the same reset link.
    path("password/change/", auth_views.PasswordChangeView.as_view(form_class=account_forms.PasswordChangeForm),
         name="password_change"),
    path("password/change/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("password/reset/", auth_views.PasswordResetView.as_view(
        form_class=account_forms.PasswordResetForm, extra_email_context={"site_url": settings.SITE_URL}),
        name="password_reset"),
    path("password/reset/sent/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("password/reset/<uidb64>/<token>/", auth_views.PasswordResetConfirmView.as_view(
        form_class=account_forms.SetPasswordForm),
         name="password_reset_confirm"),
    path("password/reset/done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("accounts/invite/", account_views.invite, name="invite"),
    path("groups/", include("groups.urls")),
    path("spreadsheets/", include("groups.spreadsheets.urls")),
    path("reviews/", include("reviews.urls")),
    path("networks/", include("networks.urls")),
    path("printing/", include("printing.urls")),
    path("notices/", include("notices.urls")),
    path("admin/", admin.site.urls),
    path("privacy/", security_views.privacy, name="privacy"),
]

# /media/ is never served, not even with DEBUG: every stored file (issued PDFs, scans, batch
# files) goes out through a view that applies visible_to (printing.views).
