from django.urls import path

from notices import views

app_name = "notices"
urlpatterns = [
    path("read/", views.mark_read, name="read"),
    path("settings/", views.notice_settings, name="settings"),
]
