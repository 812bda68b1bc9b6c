"""Savings-group networks (tambon → amphoe → province → national), their committees with 4-year
terms, province representatives, money and drive plans (Surat Thani letter สฎ ๐๐๑๙.๐๔/ว ๕๖๓๓).

Which committee rules hold is decided in `networks.rules`; who may change what in
`networks.permissions`; every write goes through `networks.services`.

The models are split by meaning; every name is importable from `networks.models` as before.
"""

from networks.models.committees import (  # noqa: F401
    COMMITTEE_STATUS,
    Committee,
    CommitteeQuerySet,
    ProvinceRepresentatives,
    SeatHolder,
    SeatKind,
)
from networks.models.money import BankAccount, FundEntry, Signatory  # noqa: F401
from networks.models.network import Network, NetworkEvent, NetworkQuerySet  # noqa: F401
from networks.models.plans import PLAN_STATUS, DrivePlan, PlanActivity  # noqa: F401
from networks.models.terms import (  # noqa: F401
    TERM_YEARS,
    WARN_DAYS,
    Level,
    add_years,
    fiscal_year_be,
    format_national_id,
    mask_national_id,
    term_end_for,
    validate_national_id,
)
