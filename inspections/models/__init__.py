from .choices import DrawStatus, Outcome, RiskLevel
from .draws import Draw, DrawExclusion, DrawInspector, DrawTarget, Inspection
from .pools import ConflictOfInterest, InspectionItem, InspectionTarget, Inspector
from .results import InspectionResult

__all__ = [
    "ConflictOfInterest",
    "Draw",
    "DrawExclusion",
    "DrawInspector",
    "DrawStatus",
    "DrawTarget",
    "Inspection",
    "InspectionItem",
    "InspectionResult",
    "InspectionTarget",
    "Inspector",
    "Outcome",
    "RiskLevel",
]
