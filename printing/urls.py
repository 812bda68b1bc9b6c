from django.urls import path

from printing import views

app_name = "printing"

urlpatterns = [
    path("<str:kind>/<int:pk>/pdf/", views.document_pdf, name="pdf"),
    path("<str:kind>/<int:pk>/issue/", views.document_issue, name="issue"),
    path("issued/<int:pk>/", views.issued_detail, name="issued"),
    path("issued/<int:pk>/file/", views.issued_file, name="issued_file"),
    path("issued/<int:pk>/scan/", views.issued_scan, name="issued_scan"),
    path("issued/<int:pk>/cancel/", views.issued_cancel, name="issued_cancel"),
    path("issued/<int:pk>/sign/", views.issued_sign, name="issued_sign"),
    path("issued/<int:pk>/signed/", views.issued_signed_file, name="issued_signed_file"),
    path("register/", views.order_register, name="register"),
    path("register/xlsx/", views.order_register_xlsx, name="register_xlsx"),
    path("batches/", views.batch_list, name="batches"),
    path("batches/<int:pk>/", views.batch_detail, name="batch"),
    path("batches/<int:pk>/download/", views.batch_download, name="batch_download"),
    path("batches/<int:pk>/cancel/", views.batch_cancel, name="batch_cancel"),
    path("batches/<int:pk>/retry/", views.batch_retry, name="batch_retry"),
]
