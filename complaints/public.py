"""What other apps (cms, search) may read from complaints: plain data, no model internals."""

from django.core.cache import cache
from django.db.models import Prefetch

from complaints.models import Bureau, Category, Channel

DIRECTORY_CACHE_KEY = "complaints:public:bureau_directory"


def bureau_directory() -> list[dict]:
    """Bureaus citizens can contact, city level first, with their hotlines."""
    directory = cache.get(DIRECTORY_CACHE_KEY)
    if directory is None:
        bureaus = (
            Bureau.objects.active()
            .select_related("district")
            .prefetch_related(Prefetch("channels", queryset=Channel.objects.only("code")))
            .order_by("level", "district__sort_order", "code")
        )
        directory = [
            {
                "code": bureau.code,
                "name": bureau.name,
                "name_en": bureau.name_en,
                "level": bureau.level,
                "district": bureau.district.name if bureau.district else "",
                "district_en": bureau.district.name_en if bureau.district else "",
                "address": bureau.address,
                "phone": bureau.phone,
                "hotline": bureau.hotline,
                "email": bureau.email,
                "office_hours": bureau.office_hours,
                "channels": [channel.code for channel in bureau.channels.all()],
            }
            for bureau in bureaus
        ]
        cache.set(DIRECTORY_CACHE_KEY, directory, 300)
    return directory


def hotlines() -> list[dict]:
    return list(Channel.objects.values("code", "name", "name_en", "description"))


def categories_for_channel(code: str) -> list[dict]:
    return list(
        Category.objects.filter(channel__code=code, is_active=True).values(
            "code", "name", "name_en", "description"
        )
    )
