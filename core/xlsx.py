"""The one writer of every xlsx the registry hands out (exports, templates, the errors file, the
district review sheet, the round's consolidated result).

`Workbook` is XlsxWriter's, with two things it cannot be talked out of:

- nothing is ever written as a formula: `write()`/`write_row()` never turn "=…" into a formula
  (strings_to_formulas off), and `write_formula()` and its kin refuse;
- a text cell beginning with = + - @ or a tab/CR/LF gets an apostrophe in front (`neutralise`), so
  it stays text when an officer edits the cell or saves the sheet as CSV and opens it again
  (CSV injection). Readers take that apostrophe off again (`unneutralise`): the import reads
  back exactly what was exported.

Every string cell goes through one funnel (`_write_string`), so a new export cannot forget.
"""

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
NEUTRALISER = "'"
SAFE_OPTIONS = {"strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def neutralise(text: str) -> str:
    """Text that a spreadsheet program could run as a formula, made plain text."""
    return NEUTRALISER + text if text.startswith(FORMULA_STARTS) else text


def unneutralise(text: str) -> str:
    """What `neutralise` wrote, read back as it was."""
    if text.startswith(NEUTRALISER) and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


class SafeWorksheet(Worksheet):
    def _write_string(self, row, col, string, cell_format=None):
        return super()._write_string(row, col, neutralise(string), cell_format)

    def _write_token_as_string(self, token, row, col, *args):
        # write()/write_row() of a str: always a string cell (or a blank one), whatever it holds.
        if token == "":
            return self._write_blank(row, col, *args)
        return self._write_string(row, col, *args)

    def _write_formula(self, *args, **kwargs):
        raise ValueError("the registry writes no formulas into its files")

    _write_array_formula = _write_formula

    def write_dynamic_array_formula(self, *args, **kwargs):
        raise ValueError("the registry writes no formulas into its files")

    def _write_rich_string(self, *args, **kwargs):
        raise ValueError("rich strings bypass neutralise(); write plain strings")


class Workbook(xlsxwriter.Workbook):
    """xlsxwriter.Workbook(target, options) whose sheets write no formula; `target` is a path or a
    binary buffer (io.BytesIO)."""

    worksheet_class = SafeWorksheet

    def __init__(self, target, options=None):
        super().__init__(target, {**(options or {}), **SAFE_OPTIONS})

    def add_worksheet(self, name=None, worksheet_class=None):
        if worksheet_class is not None and not issubclass(worksheet_class, SafeWorksheet):
            raise ValueError("every sheet is a SafeWorksheet")
        return super().add_worksheet(name, worksheet_class or SafeWorksheet)
