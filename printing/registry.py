"""The printable kinds of record, as the apps that own them describe them.

networks/documents.py registers the order and the bylaws, reviews/documents.py the report
letter; printing knows nothing of their models beyond what a `Printable` says. Every lookup of a
record goes through `records(user)`, the owning model's `visible_to(user)`.
"""

import importlib
import importlib.util
from collections.abc import Callable, Iterable
from dataclasses import dataclass

ADAPTERS = ["networks.documents", "reviews.documents"]


@dataclass(frozen=True)
class Printable:
    code: str  # a printing.models.DocumentKind value
    label: str
    model: type
    # The records the user may see (the owning model's visible_to).
    records: Callable[[object], object]
    # The document context (printing.contexts) for one record.
    build: Callable[[object], object]
    district_of: Callable[[object], object]
    title: Callable[[object], str]
    filename: Callable[[object], str]
    # Why the record cannot be issued yet (empty: it can); None: this kind is not issued.
    issue_problems: Callable[[object], list[str]] | None = None
    # Every record of a district or a province, in print order, for batch printing.
    in_area: Callable[..., Iterable] | None = None
    # Where the record is shown (to come back to after issuing).
    record_url: Callable[[object], str] | None = None
    # Who may issue the document and attach its signed scan: the owning app's own rule for
    # changing the record (default: staff who may edit the record's district).
    can_issue: Callable[[object, object], bool] | None = None
    # Whether this record prints at all (a province network has no district bylaws).
    applies: Callable[[object], bool] | None = None
    # The register of orders: {"number", "year_be", "dated", "signer"} as issued (a number of
    # None is given the district's next for the kind and year).
    register_entry: Callable[[object], dict] | None = None
    # What the document says that may change afterwards (a committee's seats), as a JSON value.
    snapshot: Callable[[object], dict] | None = None

    def may_issue(self, user, record) -> bool:
        if not self.issuable:
            return False
        if self.can_issue is not None:
            return self.can_issue(user, record)
        from accounts.scope import can_edit_district

        return can_edit_district(user, self.district_of(record))

    @property
    def issuable(self) -> bool:
        return self.issue_problems is not None


_KINDS: dict[str, Printable] = {}
_loaded = False


def register(printable: Printable) -> Printable:
    _KINDS[printable.code] = printable
    return printable


def _load():
    global _loaded
    if _loaded:
        return
    for name in ADAPTERS:
        # An app whose models are not there (yet) has nothing to print.
        if importlib.util.find_spec(name.split(".")[0] + ".models") is None:
            continue
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name != name:
                raise
    _loaded = True


def get(code: str) -> Printable | None:
    _load()
    return _KINDS.get(code)


def for_record(record) -> list[Printable]:
    """The kinds that print this record (a network prints its bylaws, a committee its order)."""
    _load()
    return [p for p in _KINDS.values()
            if isinstance(record, p.model) and (p.applies is None or p.applies(record))]


def batchable() -> list[Printable]:
    _load()
    return [p for p in _KINDS.values() if p.in_area is not None]
