"""The roles of the system and what each is called in the UI."""
import enum


class Role(enum.Enum):
    ADMIN = "admin"
    STAFF = "staff"
    BIDDER = "bidder"
    EXPERT = "expert"
    SUPERVISOR = "supervisor"
    OPENER = "opener"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS = {
    Role.ADMIN: "管理员",
    Role.STAFF: "招标专员",
    Role.BIDDER: "投标人",
    Role.EXPERT: "评标专家",
    Role.SUPERVISOR: "监督",
    Role.OPENER: "开标人",
}

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
