import pytest

from complaints.models import Bureau, Category, District, RoutingRule
from complaints.services.routing import NoBureauAvailable, route

pytestmark = pytest.mark.usefixtures("reference_data")

DISTRICT_CASES = ["jiangan", "hongshan", "donghu-hitech", "hannan-wedz", "xinzhou"]
EXPECTED_BRANCH = {
    "patent-passing-off": "amr",
    "trademark-infringement": "amr",
    "counterfeit-goods": "amr",
    "ecommerce-infringement": "amr",
    "trade-secret": "amr",
    "geo-indication": "amr",
    "copyright-infringement": "culture",
    "online-piracy": "culture",
}
EXPECTED_CITY = {
    "patent-dispute": "wh-ipo",
    "ic-layout": "wh-ipo",
    "plant-variety": "wh-agri",
    "assistance": "wh-ipo",
    "overseas-assistance": "wh-commerce",
}


@pytest.mark.django_db
@pytest.mark.parametrize("district_code", DISTRICT_CASES)
def test_every_category_routes_to_the_expected_bureau(district_code):
    district = District.objects.get(code=district_code)
    for category in Category.objects.all():
        decision = route(category, district)
        if category.code in EXPECTED_CITY:
            expected = EXPECTED_CITY[category.code]
        else:
            expected = f"{district_code}-{EXPECTED_BRANCH[category.code]}"
        assert decision.bureau.code == expected, category.code
        assert decision.rule is not None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("category_code", "city"),
    [
        ("trademark-infringement", "wh-amr"),
        ("online-piracy", "wh-copyright"),
        ("patent-passing-off", "wh-ipo"),
    ],
)
def test_online_and_cross_district_cases_go_to_the_city(category_code, city):
    category = Category.objects.get(code=category_code)
    district = District.objects.get(code="wuchang")
    assert route(category, district, is_online=True).bureau.code == city
    assert route(category, district, is_cross_district=True).bureau.code == city


@pytest.mark.django_db
def test_unknown_district_falls_back_to_the_channel_city_bureau():
    category = Category.objects.get(code="counterfeit-goods")
    decision = route(category, None)
    assert decision.bureau.code == "wh-amr"
    assert decision.rule is None


@pytest.mark.django_db
def test_inactive_rule_and_priority():
    category = Category.objects.get(code="counterfeit-goods")
    district = District.objects.get(code="jiangan")
    RoutingRule.objects.filter(category=category, district=district).update(is_active=False)
    assert route(category, district).bureau.code == "wh-amr"
    special = Bureau.objects.get(code="wuchang-amr")
    RoutingRule.objects.create(category=category, district=district, bureau=special, priority=5)
    assert route(category, district).bureau == special


@pytest.mark.django_db
def test_no_bureau_at_all_is_an_explicit_error():
    category = Category.objects.get(code="online-piracy")
    RoutingRule.objects.filter(category=category).delete()
    Bureau.objects.filter(channels__code="12390", level="city").update(is_active=False)
    with pytest.raises(NoBureauAvailable):
        route(category, None)
