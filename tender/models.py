"""Every model module, imported once so metadata (and Alembic) sees all tables."""
from tender.audit.models import AuditEntry, AuditHead  # noqa: F401
from tender.auth.models import User, UserSession  # noqa: F401
from tender.bidders.models import (  # noqa: F401
    Company,
    CompanyFile,
    CompanyVersion,
    DeveloperAffiliate,
    KeyStaff,
    Officer,
    RelatedFinding,
    Shareholder,
)
from tender.bids.models import Bid, BidEvent, BidFile, BidReceipt, BidUpload  # noqa: F401
from tender.jobs.models import JobRecord  # noqa: F401
from tender.notices.models import Clarification, Invitation, Question, Registration, Tender, TenderDocument  # noqa: F401
from tender.notifications.models import Message, OutboxMail  # noqa: F401
from tender.opening.models import TenderSeal  # noqa: F401
from tender.qualification.models import (  # noqa: F401
    QualificationAnswer,
    QualificationItem,
    QualificationPlan,
    QualificationSubmission,
)
from tender.similarity.models import Comparison, ComparisonReport, SimilarityDocument  # noqa: F401
