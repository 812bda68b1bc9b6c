"""Every write to networks, committees, money and plans: one transaction each, with its event row.

Functions are `<thing>_<verb>(*, ..., actor)`; views, forms, the demo and printing call them
through `networks.services` (the modules below are split by meaning and re-exported here).
"""

from networks.services.committees import (  # noqa: F401
    HOLDER_FIELDS,
    ORDER_FIELDS,
    committee_create,
    committee_move,
    committee_next_term,
    committee_save_seats,
    committee_update_details,
    next_order_number,
)
from networks.services.corrections import CORRECTABLE, committee_correct_holders  # noqa: F401
from networks.services.funds import FUND_FIELDS, fund_entry_add, fund_entry_update, fund_entry_void  # noqa: F401
from networks.services.money import (  # noqa: F401
    SIGNATORY_SEATS,
    bank_account_save,
    representatives_name,
    signatory_flags,
)
from networks.services.network import (  # noqa: F401
    district_networks_ensure,
    network_set_member_groups,
    network_update,
    province_network_ensure,
)
from networks.services.plans import plan_create, plan_return, plan_save_activities, plan_submit  # noqa: F401
