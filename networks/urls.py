from django.urls import path

from networks.views import money as views_money
from networks.views import networks as views
from networks.views import tables as views_tables

app_name = "networks"

urlpatterns = [
    path("", views.network_list, name="list"),
    path("setup/", views.network_setup, name="setup"),
    path("<int:pk>/", views.network_detail, name="detail"),
    path("<int:pk>/edit/", views.network_edit, name="edit"),
    path("<int:pk>/members/", views.network_members, name="members"),
    path("<int:pk>/committees/new/", views.committee_create, name="committee_create"),
    path("<int:pk>/representatives/", views.representatives, name="representatives"),
    path("<int:pk>/money/", views_money.money, name="money"),
    path("<int:pk>/money/account/", views_money.bank_account, name="bank_account"),
    path("<int:pk>/money/entries/new/", views_money.fund_entry_add, name="fund_entry_add"),
    path("<int:pk>/plans/new/", views.plan_create, name="plan_create"),
    path("money/entries/<int:pk>/edit/", views_money.fund_entry_edit, name="fund_entry_edit"),
    path("money/entries/<int:pk>/void/", views_money.fund_entry_void, name="fund_entry_void"),
    path("committees/<int:pk>/", views.committee_detail, name="committee_detail"),
    path("committees/<int:pk>/details/", views.committee_details, name="committee_details"),
    path("committees/<int:pk>/seats/", views_tables.committee_seats, name="committee_seats"),
    path("committees/<int:pk>/seats/check/", views_tables.committee_seats_check, name="committee_seats_check"),
    path("committees/<int:pk>/corrections/", views_tables.committee_corrections, name="committee_corrections"),
    path("committees/<int:pk>/move/", views.committee_move, name="committee_move"),
    path("committees/<int:pk>/next-term/", views.committee_next_term, name="committee_next_term"),
    path("plans/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/edit/", views_tables.plan_edit, name="plan_edit"),
    path("plans/<int:pk>/submit/", views.plan_submit, name="plan_submit"),
    path("plans/<int:pk>/return/", views.plan_return, name="plan_return"),
]
