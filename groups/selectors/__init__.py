"""What the group pages read: the list's search, filters and sort (`filters`, shared with the
spreadsheet export) and its table rows prepared in Python (`rows`)."""

from groups.selectors.filters import GroupFilterForm, filtered_groups  # noqa: F401
from groups.selectors.rows import group_rows  # noqa: F401
