"""Turning a GeoReport location (district code, address text or coordinates) into a district.

Cases are routed by district only, so coordinates are matched to the nearest district centre
inside Wuhan; the API never stores or returns anything finer than the district.
"""

import math

from complaints.models import District

# Approximate centres (WGS84) of Wuhan's districts, for routing only.
CENTRES = {
    "jiangan": (30.60, 114.31),
    "jianghan": (30.60, 114.27),
    "qiaokou": (30.58, 114.22),
    "hanyang": (30.55, 114.21),
    "wuchang": (30.55, 114.32),
    "qingshan": (30.63, 114.39),
    "hongshan": (30.50, 114.34),
    "caidian": (30.58, 114.03),
    "jiangxia": (30.37, 114.32),
    "dongxihu": (30.62, 114.14),
    "huangpi": (30.88, 114.38),
    "xinzhou": (30.84, 114.80),
    "hannan-wedz": (30.40, 114.12),
    "donghu-hitech": (30.48, 114.41),
}
WUHAN_BOUNDS = ((29.95, 31.40), (113.65, 115.10))

# Checked before the plain district names: the development zones sit inside other districts.
ALIASES = {
    "donghu-hitech": ("东湖高新", "东湖新技术", "光谷", "east lake"),
    "hannan-wedz": ("汉南", "经济技术开发区", "经开区", "沌口", "hannan"),
}


class LocationError(ValueError):
    pass


def in_wuhan(lat: float, long: float) -> bool:
    (lat_min, lat_max), (long_min, long_max) = WUHAN_BOUNDS
    return lat_min <= lat <= lat_max and long_min <= long <= long_max


def nearest_district_code(lat: float, long: float) -> str:
    if not in_wuhan(lat, long):
        raise LocationError("lat/long is outside Wuhan")
    scale = math.cos(math.radians(lat))

    def distance(code):
        c_lat, c_long = CENTRES[code]
        return (lat - c_lat) ** 2 + ((long - c_long) * scale) ** 2

    return min(CENTRES, key=distance)


def district_from_address(address: str, districts: list[District]) -> District | None:
    text = address.lower()
    by_code = {d.code: d for d in districts}
    for code, words in ALIASES.items():
        if code in by_code and any(word in text for word in words):
            return by_code[code]
    for district in districts:
        short = district.name.split("（")[0].removesuffix("区")
        english = (district.name_en or "").split(" ")[0].lower()
        if (short and short in address) or (english and english in text):
            return district
    return None
