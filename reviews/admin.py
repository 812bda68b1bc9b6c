"""Admin for support staff: reading rounds and their records. Changes go through the pages (and
services), so the admin shows and filters but does not edit statuses or categories."""

from django.contrib import admin

from core.admin import ReadOnlyAdmin
from reviews.models import FollowUpVisit, GroupReview, ReviewEvent, Round, Submission


@admin.register(Round)
class RoundAdmin(ReadOnlyAdmin):
    list_display = ["title", "province", "reference_number", "letter_date", "due_on", "locked_after"]
    list_filter = ["province"]
    search_fields = ["title", "reference_number"]


@admin.register(Submission)
class SubmissionAdmin(ReadOnlyAdmin):
    list_display = ["district", "round", "status", "submitted_at", "is_late", "letter_number", "signer_name"]
    list_filter = ["status", "is_late", "round"]
    list_select_related = ["district", "round"]


@admin.register(GroupReview)
class GroupReviewAdmin(ReadOnlyAdmin):
    list_display = ["group", "submission", "category", "intention", "defunct_reason", "follow_up_status",
                    "classified_at"]
    list_filter = ["category", "follow_up_status", "round"]
    list_select_related = ["group", "submission__district", "submission__round"]
    search_fields = ["group__code", "group__name"]
    raw_id_fields = ["group", "submission", "round"]


@admin.register(ReviewEvent)
class ReviewEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "kind", "from_value", "to_value", "actor", "round", "submission", "group"]
    list_filter = ["kind", "round"]
    list_select_related = ["actor", "round", "submission__district", "group"]


@admin.register(FollowUpVisit)
class FollowUpVisitAdmin(ReadOnlyAdmin):
    list_display = ["visited_on", "review", "outcome", "next_follow_up_on", "recorded_by", "recorded_at"]
    list_filter = ["outcome"]
    list_select_related = ["review", "recorded_by"]
