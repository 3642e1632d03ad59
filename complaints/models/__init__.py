from .case import CaseEvent, ClockRecord, Complaint, Evidence, mask_name, mask_phone
from .choices import (
    OPEN_STATUSES,
    ClockStep,
    IdType,
    IpRightType,
    Kind,
    Outcome,
    RefusalReason,
    RespondentType,
    Role,
    Source,
    Status,
    TimeUnit,
)
from .dashboard import DeadlineReminder, ResponseTemplate, SavedSearch
from .phone import PhoneIntake
from .reference import (
    Bureau,
    Category,
    Channel,
    ClockProfile,
    District,
    RoutingRule,
    WorkingDayOverride,
)
from .retention import PurgeRecord
from .staff import AccessLog, StaffMembership
from .tally import CaseTally
from .topten import TopTenProposal

__all__ = [
    "OPEN_STATUSES",
    "AccessLog",
    "Bureau",
    "CaseEvent",
    "CaseTally",
    "Category",
    "Channel",
    "ClockProfile",
    "ClockRecord",
    "ClockStep",
    "Complaint",
    "DeadlineReminder",
    "District",
    "Evidence",
    "IdType",
    "IpRightType",
    "Kind",
    "Outcome",
    "PhoneIntake",
    "PurgeRecord",
    "RefusalReason",
    "RespondentType",
    "ResponseTemplate",
    "Role",
    "RoutingRule",
    "SavedSearch",
    "Source",
    "StaffMembership",
    "Status",
    "TimeUnit",
    "TopTenProposal",
    "WorkingDayOverride",
    "mask_name",
    "mask_phone",
]
