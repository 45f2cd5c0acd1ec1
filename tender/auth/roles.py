"""The roles of the system and what each is called in the UI."""
from tender.vocabulary import Labelled


class Role(Labelled):
    ADMIN = "admin", "管理员"
    STAFF = "staff", "招标专员"
    BIDDER = "bidder", "投标人"
    EXPERT = "expert", "评标专家"
    SUPERVISOR = "supervisor", "监督"
    OPENER = "opener", "开标人"

# Who may create accounts of which role: staff create experts, supervisors and
# opening officers; only an admin creates staff and other admins. Bidders register themselves.
CREATABLE_BY = {
    Role.ADMIN: {Role.ADMIN, Role.STAFF, Role.EXPERT, Role.SUPERVISOR, Role.OPENER},
    Role.STAFF: {Role.EXPERT, Role.SUPERVISOR, Role.OPENER},
}

STAFF_ROLES = frozenset({Role.ADMIN, Role.STAFF})
# Who may read every company's registry record and every finding: staff, and the supervisor who oversees them.
OVERSEERS = STAFF_ROLES | {Role.SUPERVISOR}
OPENERS = STAFF_ROLES | {Role.OPENER}
# Who reads the audit trail: the supervisor, and the admin who keeps the system.
AUDITORS = frozenset({Role.SUPERVISOR, Role.ADMIN})
