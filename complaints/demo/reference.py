"""Wuhan's hotlines, districts, bureaus, categories, clocks and routing rules (2026 names)."""

import datetime

from django.db import transaction
from django.utils import timezone

from complaints.models import (
    Bureau,
    Category,
    Channel,
    ClockProfile,
    District,
    Kind,
    RoutingRule,
    TimeUnit,
    WorkingDayOverride,
)

CHANNELS = [
    (
        "12330",
        "知识产权维权援助热线",
        "IP protection and assistance hotline",
        "专利侵权纠纷、假冒专利、集成电路布图设计、维权援助",
    ),
    (
        "12315",
        "市场监管投诉举报热线",
        "Market regulation complaints hotline",
        "商标侵权、假冒注册商标商品、商业秘密与不正当竞争、地理标志",
    ),
    ("12390", "版权举报投诉热线", "Copyright complaints hotline", "著作权侵权、盗版、网络盗版"),
]

DISTRICTS = [
    ("jiangan", "江岸区", "Jiang'an District"),
    ("jianghan", "江汉区", "Jianghan District"),
    ("qiaokou", "硚口区", "Qiaokou District"),
    ("hanyang", "汉阳区", "Hanyang District"),
    ("wuchang", "武昌区", "Wuchang District"),
    ("qingshan", "青山区", "Qingshan District"),
    ("hongshan", "洪山区", "Hongshan District"),
    ("caidian", "蔡甸区", "Caidian District"),
    ("jiangxia", "江夏区", "Jiangxia District"),
    ("dongxihu", "东西湖区", "Dongxihu District"),
    ("huangpi", "黄陂区", "Huangpi District"),
    ("xinzhou", "新洲区", "Xinzhou District"),
    (
        "hannan-wedz",
        "汉南区（武汉经济技术开发区）",
        "Hannan District (Wuhan Economic Development Zone)",
    ),
    ("donghu-hitech", "东湖新技术开发区", "East Lake High-tech Development Zone"),
]

CITY_BUREAUS = [
    # code, name, name_en, channels, phone, address
    (
        "wh-ipo",
        "武汉市知识产权局（市市场监督管理局）",
        "Wuhan Intellectual Property Office",
        ["12330"],
        "027-85772330",
        "武汉市江岸区三阳路8号",
    ),
    (
        "wh-amr",
        "武汉市市场监督管理局",
        "Wuhan Administration for Market Regulation",
        ["12315"],
        "027-12315",
        "武汉市江岸区三阳路8号",
    ),
    (
        "wh-copyright",
        "武汉市文化和旅游局（市版权局）",
        "Wuhan Culture and Tourism Bureau (Copyright)",
        ["12390"],
        "027-85772390",
        "武汉市江汉区新华路218号",
    ),
    (
        "wh-agri",
        "武汉市农业农村局",
        "Wuhan Agriculture and Rural Affairs Bureau",
        [],
        "027-85551234",
        "武汉市江汉区青年路",
    ),
    ("wh-commerce", "武汉市商务局", "Wuhan Commerce Bureau", [], "027-85660000", "武汉市江岸区"),
    (
        "wh-police",
        "武汉市公安局（经侦）",
        "Wuhan Public Security Bureau",
        [],
        "110",
        "武汉市江岸区",
    ),
    # Transfer targets and the court of judicial confirmation (also added by a migration).
    (
        "wh-court",
        "武汉市中级人民法院",
        "Wuhan Intermediate People's Court",
        [],
        "027-65691000",
        "武汉市江岸区沿江大道93号",
    ),
    (
        "wh-arbitration",
        "武汉仲裁委员会",
        "Wuhan Arbitration Commission",
        [],
        "027-85753120",
        "武汉市江汉区新华路",
    ),
]

PROFILES = [
    # code, name, acceptance (limit, unit), handling (limit, unit), max extension, restart
    ("complaint", "投诉：7个工作日受理，45个工作日调解", 7, "wd", 45, "wd", 0, True),
    ("report", "举报：15个工作日核查立案，90个工作日办结", 15, "wd", 90, "wd", 0, True),
    (
        "patent-dispute",
        "专利侵权纠纷：5个工作日受理，3个月结案（可延1个月）",
        5,
        "wd",
        3,
        "months",
        1,
        False,
    ),
    ("assistance", "维权援助：7个工作日受理，30个工作日办结", 7, "wd", 30, "wd", 0, True),
]

C, R, A = Kind.COMPLAINT.value, Kind.REPORT.value, Kind.ASSISTANCE.value
CATEGORIES = [
    # code, name, name_en, channel, kinds, profile, report profile, needs IP no., keywords, words
    (
        "patent-dispute",
        "专利侵权纠纷",
        "Patent infringement dispute",
        "12330",
        [C],
        "patent-dispute",
        None,
        True,
        "专利,侵权,发明,实用新型,外观设计,仿制",
        "有人未经许可制造、销售或使用了您的专利产品或方法，您希望行政机关裁决。",
    ),
    (
        "patent-passing-off",
        "假冒专利",
        "Passing off a patent",
        "12330",
        [C, R],
        "complaint",
        "report",
        False,
        "假冒专利,专利号,专利标识,冒充",
        "产品或广告上标注了不存在或已失效的专利号，冒充专利产品。",
    ),
    (
        "ic-layout",
        "集成电路布图设计侵权",
        "IC layout-design infringement",
        "12330",
        [C, R],
        "complaint",
        "report",
        True,
        "集成电路,芯片,布图设计",
        "芯片布图设计被复制或商业利用。",
    ),
    (
        "trademark-infringement",
        "商标侵权",
        "Trademark infringement",
        "12315",
        [C, R],
        "complaint",
        "report",
        True,
        "商标,侵权,近似,傍名牌,山寨",
        "有人在相同或类似商品上使用与您的注册商标相同或近似的标志。",
    ),
    (
        "counterfeit-goods",
        "假冒注册商标商品",
        "Counterfeit trademarked goods",
        "12315",
        [C, R],
        "complaint",
        "report",
        False,
        "假货,假冒,仿冒,冒牌,名牌",
        "市场上销售假冒品牌的商品。",
    ),
    (
        "ecommerce-infringement",
        "电商平台知识产权侵权",
        "Online marketplace infringement",
        "12315",
        [C, R],
        "complaint",
        "report",
        False,
        "网店,电商,直播带货,平台,淘宝,拼多多,京东,抖音",
        "网店、直播间或电商平台上销售侵权或假冒商品。",
    ),
    (
        "trade-secret",
        "商业秘密与不正当竞争",
        "Trade secrets and unfair competition",
        "12315",
        [C, R],
        "complaint",
        "report",
        False,
        "商业秘密,不正当竞争,混淆,虚假宣传,泄密",
        "商业秘密被窃取或泄露，或他人以混淆、虚假宣传等方式不正当竞争。",
    ),
    (
        "geo-indication",
        "地理标志侵权",
        "Geographical indication infringement",
        "12315",
        [C, R],
        "complaint",
        "report",
        False,
        "地理标志,原产地,蔡甸莲藕,武昌鱼",
        "不产自当地的商品冒用地理标志（如“蔡甸莲藕”）。",
    ),
    (
        "copyright-infringement",
        "著作权侵权",
        "Copyright infringement",
        "12390",
        [C, R],
        "complaint",
        "report",
        False,
        "著作权,版权,抄袭,复制,盗用,作品",
        "您的作品（文字、图片、音乐、软件等）被未经许可复制、发行或改编。",
    ),
    (
        "online-piracy",
        "网络盗版",
        "Online piracy",
        "12390",
        [C, R],
        "complaint",
        "report",
        False,
        "盗版,网盘,影视,小说,软件破解,网络传播",
        "网站、网盘或应用未经许可传播影视、小说、软件等。",
    ),
    (
        "plant-variety",
        "植物新品种侵权",
        "Plant variety infringement",
        "12330",
        [C, R],
        "complaint",
        "report",
        True,
        "植物新品种,种子,品种权",
        "他人未经许可生产、销售授权品种的繁殖材料。",
    ),
    (
        "assistance",
        "知识产权维权援助",
        "IP rights-protection assistance",
        "12330",
        [A],
        "assistance",
        None,
        False,
        "维权援助,咨询,帮助,诉讼,专家",
        "企业或个人遇到知识产权纠纷，需要专家意见、维权指导等帮助。",
    ),
    (
        "overseas-assistance",
        "海外知识产权纠纷应对援助",
        "Overseas IP dispute assistance",
        "12330",
        [A],
        "assistance",
        None,
        False,
        "海外,出口,337调查,境外,展会,跨境",
        "企业在境外遭遇知识产权诉讼、展会纠纷或337调查等，需要应对指导。",
    ),
]

DISTRICT_BRANCHES = {  # category code → which district branch type handles it
    "patent-passing-off": "amr",
    "ecommerce-infringement": "amr",
    "trademark-infringement": "amr",
    "counterfeit-goods": "amr",
    "trade-secret": "amr",
    "geo-indication": "amr",
    "copyright-infringement": "culture",
    "online-piracy": "culture",
}
CITY_ONLY = {  # category code → city bureau, for every district
    "patent-dispute": "wh-ipo",
    "ic-layout": "wh-ipo",
    "plant-variety": "wh-agri",
    "assistance": "wh-ipo",
    "overseas-assistance": "wh-commerce",
}


def _upsert(model, key: dict, values: dict):
    obj, _ = model.objects.update_or_create(**key, defaults=values)
    return obj


@transaction.atomic
def seed_reference_data(stdout=None) -> None:
    channels = {
        code: _upsert(Channel, {"code": code}, {"name": n, "name_en": en, "description": d})
        for code, n, en, d in CHANNELS
    }
    districts = {
        code: _upsert(District, {"code": code}, {"name": n, "name_en": en, "sort_order": i})
        for i, (code, n, en) in enumerate(DISTRICTS)
    }
    bureaus = {}
    for code, name, name_en, channel_codes, phone, address in CITY_BUREAUS:
        bureau = _upsert(
            Bureau,
            {"code": code},
            {
                "name": name,
                "name_en": name_en,
                "level": "city",
                "phone": phone,
                "address": address,
                "hotline": channel_codes[0] if channel_codes else "",
                "office_hours": "工作日 9:00–12:00, 13:30–17:30",
            },
        )
        bureau.channels.set([channels[c] for c in channel_codes])
        bureaus[code] = bureau
    for d_code, d_name, d_en in DISTRICTS:
        short = d_name.split("（")[0]
        amr = _upsert(
            Bureau,
            {"code": f"{d_code}-amr"},
            {
                "name": f"{short}市场监督管理局",
                "name_en": f"{d_en} Market Regulation Bureau",
                "level": "district",
                "district": districts[d_code],
                "parent": bureaus["wh-amr"],
                "address": f"武汉市{short}",
                "hotline": "12315",
                "office_hours": "工作日 9:00–12:00, 14:00–17:30",
            },
        )
        amr.channels.set([channels["12330"], channels["12315"]])
        culture = _upsert(
            Bureau,
            {"code": f"{d_code}-culture"},
            {
                "name": f"{short}文化和旅游局",
                "name_en": f"{d_en} Culture and Tourism Bureau",
                "level": "district",
                "district": districts[d_code],
                "parent": bureaus["wh-copyright"],
                "address": f"武汉市{short}",
                "hotline": "12390",
                "office_hours": "工作日 9:00–12:00, 14:00–17:30",
            },
        )
        culture.channels.set([channels["12390"]])
        bureaus[f"{d_code}-amr"], bureaus[f"{d_code}-culture"] = amr, culture

    profiles = {}
    for code, name, a_limit, a_unit, h_limit, h_unit, ext, restart in PROFILES:
        profiles[code] = _upsert(
            ClockProfile,
            {"code": code},
            {
                "name": name,
                "acceptance_limit": a_limit,
                "acceptance_unit": TimeUnit(a_unit),
                "handling_limit": h_limit,
                "handling_unit": TimeUnit(h_unit),
                "max_extension_months": ext,
                "restart_on_transfer": restart,
            },
        )
    categories = {}
    for order, row in enumerate(CATEGORIES):
        code, name, name_en, channel, kinds, profile, report_profile, needs_no, kw, desc = row
        categories[code] = _upsert(
            Category,
            {"code": code},
            {
                "name": name,
                "name_en": name_en,
                "channel": channels[channel],
                "allowed_kinds": kinds,
                "clock_profile": profiles[profile],
                "report_clock_profile": profiles[report_profile] if report_profile else None,
                "requires_ip_right_number": needs_no,
                "keywords": kw,
                "description": desc,
                "sort_order": order,
            },
        )
    _seed_rules(categories, districts, bureaus)
    if stdout:
        stdout.write(
            f"  {len(channels)} channels, {len(districts)} districts, {len(bureaus)} bureaus, "
            f"{len(categories)} categories, {RoutingRule.objects.count()} routing rules"
        )


def _seed_rules(categories, districts, bureaus) -> None:
    def rule(category, district, scope, bureau, note, priority=0):
        _upsert(
            RoutingRule,
            {"category": category, "district": district, "scope": scope},
            {"bureau": bureau, "note": note, "priority": priority},
        )

    for code, branch in DISTRICT_BRANCHES.items():
        for d_code, district in districts.items():
            rule(
                categories[code],
                district,
                "any",
                bureaus[f"{d_code}-{branch}"],
                f"被投诉人在{district.name}：由区级部门办理",
            )
    for code, bureau_code in CITY_ONLY.items():
        rule(categories[code], None, "any", bureaus[bureau_code], "由市级部门统一办理")
    # Online and cross-district cases go to the channel's city-level bureau.
    city_for_channel = {"12330": "wh-ipo", "12315": "wh-amr", "12390": "wh-copyright"}
    for code, category in categories.items():
        if code in CITY_ONLY:
            continue
        city = bureaus[city_for_channel[category.channel.code]]
        rule(category, None, "online", city, "网络案件由市级部门办理")
        rule(category, None, "cross_district", city, "跨区案件由市级部门办理")


def seed_provisional_calendar(stdout=None) -> None:
    """Demo only: let deadlines run into years the calendar package does not know yet.

    Records New Year's Day (a fixed statutory holiday) for each missing year, which marks the
    year as entered; its other holidays are NOT known and must come from the State Council's
    notice (admin → 节假日调整). The warning says so every time.
    """
    from complaints.services import workdays

    next_year = timezone.localdate().year + 1
    for year in range(max(workdays.PACKAGE_YEARS) + 1, next_year + 1):
        WorkingDayOverride.objects.get_or_create(
            date=datetime.date(year, 1, 1),
            defaults={
                "is_working_day": False,
                "note": f"元旦（演示用：{year}年其余放假安排尚未录入）",
            },
        )
        workdays.invalidate_cache()
        if stdout:
            stdout.write(
                f"  WARNING: the official {year} holiday calendar is not in chinese-calendar; "
                f"demo deadlines in {year} count weekends only. Enter the State Council's notice "
                f"in the admin (节假日调整) before relying on them."
            )
