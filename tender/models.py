"""Every model module, imported once so metadata (and Alembic) sees all tables.

Modules, not names: importing a module registers every mapped class in it, so a new
model needs no line here, only a new models module does.
"""
import tender.audit.models  # noqa: F401
import tender.auth.models  # noqa: F401
import tender.bidders.models  # noqa: F401
import tender.bids.models  # noqa: F401
import tender.bidtext.models  # noqa: F401
import tender.committee.models  # noqa: F401
import tender.contracts.models  # noqa: F401
import tender.evaluation.models  # noqa: F401
import tender.findings.models  # noqa: F401
import tender.jobs.models  # noqa: F401
import tender.lowprice.models  # noqa: F401
import tender.methods.models  # noqa: F401
import tender.notices.models  # noqa: F401
import tender.notifications.models  # noqa: F401
import tender.opening.models  # noqa: F401
import tender.opening.record_models  # noqa: F401
import tender.qualification.models  # noqa: F401
import tender.result.models  # noqa: F401
import tender.similarity.models  # noqa: F401
