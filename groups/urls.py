from django.urls import path

from groups import views

app_name = "groups"

urlpatterns = [
    path("", views.group_list, name="list"),
    path("new/", views.group_create, name="create"),
    path("<int:pk>/", views.group_detail, name="detail"),
    path("<int:pk>/edit/", views.group_edit, name="edit"),
    path("<int:pk>/cancel/", views.group_cancel, name="cancel"),
    path("<int:pk>/restore/", views.group_restore, name="restore"),
    path("<int:pk>/activities/new/", views.activity_edit, name="activity_create"),
    path("<int:pk>/activities/<int:activity_pk>/", views.activity_edit, name="activity_edit"),
    path("<int:pk>/activities/<int:activity_pk>/delete/", views.activity_delete, name="activity_delete"),
]
