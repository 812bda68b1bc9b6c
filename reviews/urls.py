from django.urls import path

from reviews.views import follow_up as follow_up_views
from reviews.views import rounds as views
from reviews.views import submissions as submission_views

app_name = "reviews"

urlpatterns = [
    path("", views.round_list, name="rounds"),
    path("new/", views.round_create, name="round_create"),
    path("<int:pk>/", views.round_detail, name="round"),
    path("<int:pk>/accept/", views.round_accept_many, name="round_accept_many"),
    path("<int:pk>/follow-up/", follow_up_views.follow_up_list, name="follow_up"),
    path("<int:pk>/follow-up/<int:review_pk>/", follow_up_views.follow_up_visit, name="follow_up_visit"),
    path("<int:pk>/follow-up/<int:review_pk>/remove/", follow_up_views.follow_up_remove, name="follow_up_remove"),
    path("<int:pk>/result.xlsx", views.round_export, name="round_export"),
    path("submissions/<int:pk>/", submission_views.submission_detail, name="submission"),
    path("submissions/<int:pk>/groups/<int:review_pk>/", submission_views.review_edit, name="review_edit"),
    path("submissions/<int:pk>/compliant/", submission_views.bulk_compliant, name="bulk_compliant"),
    path("submissions/<int:pk>/add-new-groups/", submission_views.add_new_groups, name="add_new_groups"),
    path("submissions/<int:pk>/sheet.xlsx", submission_views.sheet_download, name="sheet_download"),
    path("submissions/<int:pk>/sheet/", submission_views.sheet_upload, name="sheet_upload"),
    path("submissions/<int:pk>/submit/", submission_views.submission_submit, name="submit"),
    path("submissions/<int:pk>/return/", submission_views.submission_return, name="return"),
    path("submissions/<int:pk>/accept/", submission_views.submission_accept, name="accept"),
]
