"""The staff navigation column: queue shortcuts with counts, saved searches, and links that
other areas of the site add.

Adding a link (performance, hotline intake, credit records, inspections…): append a `NavLink`
to `LINKS`, from your app's `AppConfig.ready()` or by one line here::

    from django.utils.translation import gettext_lazy as _
    from complaints.dashboard.navigation import NavLink, register

    register(NavLink(
        key="credit",                     # unique; also the link's id ("nav-credit")
        label=_("信用记录"),               # lazy: translated when the column is drawn
        url_name="credit:staff_list",     # reversed in the reader's language
        visible=lambda user: True,        # who sees it (default: every staff member)
        section="work",                   # "work" (casework) or "reports" (figures, exports)
        order=40,                          # position within its section
    ))

A link is marked current (aria-current="page") when the page's URL name is `url_name` or one
of `current_for`. Links carry no counts of their own, so the column costs the same number of
queries however many areas add links.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from complaints import permissions

SECTIONS = {"work": _("办案"), "reports": _("统计与报表")}  # in display order


@dataclass(frozen=True)
class NavLink:
    key: str
    label: str
    url_name: str
    visible: Callable = field(default=lambda user: True)
    section: str = "work"
    order: int = 50
    current_for: tuple[str, ...] = ()


LINKS: list[NavLink] = []


def register(link: NavLink) -> NavLink:
    """Add (or replace, by key) a link; idempotent so a reloaded AppConfig adds it once."""
    LINKS[:] = [existing for existing in LINKS if existing.key != link.key]
    LINKS.append(link)
    return link


register(
    NavLink(
        key="performance",
        label=_("办案绩效"),
        url_name="dashboard:performance",
        visible=permissions.is_supervisor,
        section="reports",
        order=10,
    )
)


register(
    NavLink(
        key="calls",
        label=_("记录来电"),
        url_name="dashboard:call_new",
        visible=lambda user: user.has_perm("complaints.record_call"),
        section="work",
        order=20,
        current_for=("dashboard:call_done",),
    )
)


def _rank(order: list[str], section: str) -> tuple[int, str]:
    return (order.index(section), "") if section in order else (len(order), section)


def links_for(user, current_url_name: str) -> dict[str, list[dict]]:
    """{section label: [{key, label, url, current}]} of the links the user may see."""
    out: dict[str, list[dict]] = {}
    order = list(SECTIONS)  # casework before figures, then any other section by name
    for link in sorted(LINKS, key=lambda item: (_rank(order, item.section), item.order, item.key)):
        if not link.visible(user):
            continue
        try:
            url = reverse(link.url_name)
        except NoReverseMatch:  # an app that is not installed on this site
            continue
        current = current_url_name in (link.url_name, *link.current_for)
        section = str(SECTIONS.get(link.section, link.section))
        out.setdefault(section, []).append(
            {"key": link.key, "label": link.label, "url": url, "current": current}
        )
    return out
