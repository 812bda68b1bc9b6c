from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from core import views as core_views

admin.site.site_header = "ทะเบียนกลุ่มออมทรัพย์เพื่อการผลิต: ผู้ดูแลระบบ"
admin.site.site_title = "ผู้ดูแลระบบ"
admin.site.index_title = "จัดการผู้ใช้ สำนักงาน และข้อมูลอ้างอิง"

urlpatterns = [
    path("", core_views.home, name="home"),
    path("about/", core_views.about, name="about"),
    path("login/", auth_views.LoginView.as_view(template_name="registration/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("groups/", include("groups.urls")),
    path("spreadsheets/", include("groups.spreadsheet_urls")),
    path("reviews/", include("reviews.urls")),
    path("networks/", include("networks.urls")),
    path("printing/", include("printing.urls")),
    path("admin/", admin.site.urls),
]

# /media/ is never served, not even with DEBUG: every stored file (issued PDFs, scans, batch
# files) goes out through a view that applies visible_to (printing.views).
