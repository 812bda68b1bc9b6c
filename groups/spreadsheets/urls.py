from django.urls import path

from groups.spreadsheets import views

app_name = "spreadsheets"

urlpatterns = [
    path("", views.spreadsheet_home, name="home"),
    path("template/<str:kind>.xlsx", views.template_download, name="template"),
    path("export/<str:kind>.xlsx", views.export_list, name="export_list"),
    path("export/<str:kind>/<str:code>.xlsx", views.export_area, name="export_area"),
    path("import/", views.upload, name="upload"),
    path("import/preview/", views.preview, name="preview"),
    path("import/confirm/", views.confirm, name="confirm"),
    path("import/errors.xlsx", views.errors_download, name="errors"),
    path("import/discard/", views.discard, name="discard"),
    path("import/mapping/", views.mapping, name="mapping"),
    path("mapping/clear/", views.mapping_clear, name="mapping_clear"),
]
