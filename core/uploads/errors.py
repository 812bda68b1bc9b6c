"""What a refused upload raises: a ValidationError (so a form shows it on its field) whose text is
the Thai message itself."""

from django.core.exceptions import ValidationError


class UploadRefused(ValidationError):
    """A file that is not kept or read at all; the message says why, in Thai."""

    def __str__(self):
        return " ".join(self.messages)


class SpreadsheetRefused(UploadRefused):
    """A spreadsheet refused before a single cell is read (or by its reader afterwards)."""
