"""What the group page lists under the group: prepared queries (core/prepared.py), compiled once
per connection, by the id of a group the view has already found visible to the officer."""

from core.prepared import prepared
from groups.models import Activity, GroupChange


@prepared
def group_activities(group_id):
    return Activity.objects.filter(group_id=group_id).select_related("activity_type")


@prepared
def group_changes(group_id):
    """The group's change history, newest first, with who made each change."""
    return GroupChange.objects.filter(group_id=group_id).select_related("actor")
