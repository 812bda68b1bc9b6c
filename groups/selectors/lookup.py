"""A group looked up for a page: by id, among the groups the user sees (visible_to), with its place."""

from core.prepared import prepared
from groups.models import SavingsGroup


@prepared
def visible_group(user, pk):
    """The group of id `pk` if the user sees it, with its village, tambon, amphoe and province."""
    return SavingsGroup.objects.visible_to(user).with_place().filter(pk=pk)
