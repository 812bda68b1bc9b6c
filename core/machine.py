"""The one guard for every state machine of the registry.

A machine is data: for each state, the states it may move to, and the state(s) a record enters
the machine by. The empty state "" stands for "not yet in the machine", so entering is a move like
any other and a creation is checked by the same guard (`check("", initial)`). Each service that moves a status calls
`move()` (or `check()` before a bulk write) and records its app's typed event in the same
transaction; who may make a move is the service's business, not the machine's.

    GROUP_STATUS = Machine(
        field="status", choices=SavingsGroup.Status, initial={ACTIVE}, moves=SavingsGroup.STATUS_MOVES,
    )
    before = GROUP_STATUS.move(group, SavingsGroup.Status.CANCELLED)
"""

from collections.abc import Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models

NOT_STARTED = ""  # the state of a record before it enters the machine


def refused_move(label: str, here: str, to: str) -> str:
    """The one wording of a refused move, e.g. 'เปลี่ยนสถานะจาก “ยกเลิก” เป็น “นำออกจากฐานข้อมูล” ไม่ได้'."""
    return f"เปลี่ยน{label}จาก “{here}” เป็น “{to}” ไม่ได้"


@dataclass(frozen=True)
class Machine:
    field: str  # the model field that holds the state
    choices: type[models.TextChoices]
    moves: Mapping[str, frozenset[str] | set[str]]  # state → the states it may move to
    initial: frozenset[str] | set[str]  # the state(s) entered from NOT_STARTED
    label: str = "สถานะ"  # what the message calls the state ("สถานะแผน", "สถานะการติดตาม")
    # Said instead of the refused-move message when a record not in the machine is asked to move.
    not_started_message: str = ""

    def can(self, here: str | None, to: str) -> bool:
        if not here:
            return to in self.initial
        return to in self.moves.get(here, set())

    def state_label(self, value: str | None) -> str:
        if not value:
            return "ยังไม่เริ่ม"
        return str(self.choices(value).label) if value in self.choices.values else str(value)

    def check(self, here: str | None, to: str) -> None:
        """Raises ValidationError (code "bad_move") unless `here` may move to `to`."""
        if self.can(here, to):
            return
        if not here and self.not_started_message and to not in self.initial:
            raise ValidationError(self.not_started_message, code="bad_move")
        raise ValidationError(refused_move(self.label, self.state_label(here), self.state_label(to)),
                              code="bad_move")

    def move(self, obj, to: str) -> str:
        """Checks the move, sets the field on `obj` (the caller saves) and returns the state before."""
        here = getattr(obj, self.field) or NOT_STARTED
        self.check(here, to)
        setattr(obj, self.field, to)
        return here

    def all_moves(self) -> list[tuple[str, str, bool]]:
        """Every (from, to, allowed) pair, entry from NOT_STARTED included (the tests walk them all)."""
        states = [NOT_STARTED, *self.choices.values]
        return [(here, to, self.can(here, to)) for here in states for to in self.choices.values]
