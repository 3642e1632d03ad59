"""Values every page's header and footer need."""

from django.conf import settings

HOTLINES = (
    ("12330", "专利侵权、假冒专利、维权援助", "Patents, passing off, assistance"),
    ("12315", "商标侵权、假冒商品、不正当竞争", "Trademarks, counterfeits, unfair competition"),
    ("12390", "著作权侵权、盗版", "Copyright infringement and piracy"),
)


def site_chrome(request):
    return {"SITE_NAME": settings.WAGTAIL_SITE_NAME, "HOTLINES": HOTLINES}
