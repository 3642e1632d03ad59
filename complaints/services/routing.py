"""Which bureau handles a case: the most specific active rule, else the channel's city bureau."""

from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext

from complaints.models import Bureau, Category, District, RoutingRule


class NoBureauAvailable(Exception):
    """No rule and no city-level bureau of the channel: the reference data is incomplete."""


@dataclass(frozen=True)
class RouteDecision:
    bureau: Bureau
    rule: RoutingRule | None
    reason: str


def _specificity(rule: RoutingRule) -> tuple[int, int]:
    score = (2 if rule.category_id else 0) + (1 if rule.district_id else 0)
    score += 4 if rule.scope != RoutingRule.Scope.ANY else 0
    return score, rule.priority


def route(
    category: Category,
    district: District | None,
    *,
    is_online: bool = False,
    is_cross_district: bool = False,
) -> RouteDecision:
    scopes = [RoutingRule.Scope.ANY]
    if is_online:
        scopes.append(RoutingRule.Scope.ONLINE)
    if is_cross_district:
        scopes.append(RoutingRule.Scope.CROSS_DISTRICT)
    district_match = Q(district__isnull=True)
    if district is not None:
        district_match |= Q(district=district)
    candidates = (
        RoutingRule.objects.filter(is_active=True, bureau__is_active=True, scope__in=scopes)
        .filter(Q(category__isnull=True) | Q(category=category))
        .filter(district_match)
        .select_related("bureau")
    )
    best = max(candidates, key=_specificity, default=None)
    if best is not None:
        return RouteDecision(best.bureau, best, best.note or str(best))
    fallback = (
        Bureau.objects.active()
        .filter(level=Bureau.Level.CITY, channels=category.channel_id)
        .order_by("id")
        .first()
    )
    if fallback is None:
        raise NoBureauAvailable(f"no bureau for category {category.code}")
    return RouteDecision(fallback, None, gettext("由该渠道的市级部门办理（无专门规则）"))
