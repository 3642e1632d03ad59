"""Public pages and APIs of the complaint database: facets, search, JSON, CSV, Atom, respondent."""

import csv
import datetime
import io

import pytest
from django.core.cache import cache
from django.urls import reverse

from complaints.models import Category
from records.models import PublicRecord
from records.services import withhold
from search.api import rebuild
from tests.factories.complaints import UserFactory, file_complaint, valid_uscc
from tests.factories.records import public_record

pytestmark = pytest.mark.django_db
CODE = valid_uscc("91420100MA4K3B2C1")
URL = "/complaints/database/"


@pytest.fixture
def records(reference_data):
    patent = Category.objects.filter(channel__code="12330").first()
    made = [
        public_record(respondent_name="武汉某某贸易有限公司", respondent_credit_code=CODE),
        public_record(closed_on=datetime.date(2024, 3, 1), outcome="mediated"),
        public_record(narrative="店主[姓名]在网店销售假冒运动鞋，电话[电话]。"),
        public_record(
            case=file_complaint(patent.code, ip_right_type="", ip_right_number="").complaint
            if patent and not patent.requires_ip_right_number
            else None
        ),
    ]
    public_record(withheld=True, withheld_reason="侦查中", narrative="不应出现的文字")
    return made


def test_browse_lists_public_records_with_facet_counts(client, records):
    response = client.get(URL)
    assert response.status_code == 200
    assert response.context["total"] == 4
    facets = {facet["name"]: facet for facet in response.context["facets"]}
    outcome = {value["value"]: value["count"] for value in facets["outcome"]["values"]}
    assert outcome == {"no_violation": 3, "mediated": 1}
    years = {value["value"]: value["count"] for value in facets["year"]["values"]}
    assert sum(years.values()) == 4
    assert "不应出现的文字" not in response.content.decode()


def test_a_facet_filters_and_keeps_counts_of_the_other_values(client, records):
    response = client.get(URL, {"outcome": "mediated"})
    assert response.context["total"] == 1
    facets = {facet["name"]: facet for facet in response.context["facets"]}
    outcome = {
        value["value"]: (value["count"], value["selected"]) for value in facets["outcome"]["values"]
    }
    assert outcome["mediated"] == (1, True) and outcome["no_violation"] == (3, False)


def test_bad_filter_values_are_ignored(client, records):
    response = client.get(URL, {"outcome": "<script>", "year": "abc", "page": "-3", "kind": "x"})
    assert response.status_code == 200 and response.context["total"] == 4


def test_query_count_does_not_grow_with_records(
    client, reference_data, django_assert_max_num_queries
):
    public_record()
    with django_assert_max_num_queries(14) as few:
        client.get(URL)
    for _ in range(6):
        public_record(respondent_name="某公司", respondent_credit_code=CODE)
    cache.clear()  # counted afresh, not served from the cache
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(URL)


def test_counts_are_cached_until_the_records_change(
    client, records, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    client.get(URL)
    with django_assert_max_num_queries(2):  # the page of records; counts from the cache
        cached = client.get(URL)
    assert cached.context["total"] == 4
    staff = UserFactory(is_staff=True)
    with django_capture_on_commit_callbacks(execute=True):
        withhold.withhold(records[0], reason="核实中", actor=staff)
    assert client.get(URL).context["total"] == 3


def test_full_text_search_through_the_search_interface(client, records):
    rebuild(["content"])
    response = client.get(URL, {"q": "运动鞋"})
    assert [record.pk for record in response.context["page"].object_list] == [records[2].pk]
    response = client.get(URL, {"q": "不应出现"})  # withheld records are not indexed
    assert response.context["total"] == 0


def test_json_api_paginates(client, records):
    data = client.get(URL + "records.json", {"page_size": 3}).json()
    assert (
        data["count"] == 4 and len(data["results"]) == 3 and data["next"] and not data["previous"]
    )
    second = client.get(data["next"]).json()
    assert len(second["results"]) == 1 and second["previous"]
    row = next(item for item in data["results"] + second["results"] if item["id"] == records[0].pk)
    assert row["respondent"] == "武汉某某贸易有限公司"
    assert row["respondent_answered"] is None  # not available
    assert row["url"].endswith(f"/complaints/database/{records[0].pk}/")
    assert client.get(URL + f"{records[0].pk}.json").json()["id"] == records[0].pk


def test_withheld_record_is_nowhere(client, records):
    withheld = PublicRecord.objects.get(withheld=True)
    assert client.get(URL + f"{withheld.pk}/").status_code == 404
    assert client.get(URL + f"{withheld.pk}.json").status_code == 404


def test_csv_export_streams_the_filtered_set(client, records):
    response = client.get(URL + "records.csv", {"outcome": "no_violation"})
    assert response.streaming and response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 3
    assert {row["respondent_answered"] for row in rows} == {""}
    assert any(row["narrative"].startswith("店主[姓名]") for row in rows)


def test_csv_cells_cannot_be_formulas(client, reference_data):
    public_record(narrative='=HYPERLINK("http://x")')
    text = b"".join(client.get(URL + "records.csv").streaming_content).decode("utf-8-sig")
    assert "'=HYPERLINK" in text


def test_atom_feed_lists_new_records(client, records):
    response = client.get(URL + "feed.atom")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    body = response.content.decode()
    assert body.count("<entry>") == 4 and "不应出现的文字" not in body


def test_trends_have_a_table(client, records):
    response = client.get(URL + "trends/")
    assert response.status_code == 200
    assert sum(count for _month, count in response.context["rows"]) == 4
    assert "<table" in response.content.decode()
    assert sum(response.context["chart_json"]["counts"]) == 4
    assert 'id="records-chart-data"' in response.content.decode()


def test_respondent_page_and_credit_block(client, records):
    response = client.get(URL + f"respondent/{CODE}/")
    assert response.status_code == 200
    assert response.context["total"] == 1 and response.context["answer_rate"] is None
    assert "武汉某某贸易有限公司" in response.content.decode()
    assert client.get(URL + "respondent/91420100MA4K3B2C1X/").status_code == 404
    assert "该企业目前没有公示中的信用记录" in response.content.decode()


def test_respondent_page_lists_the_enterprises_current_credit_records(client, records):
    import datetime

    from django.utils import timezone

    from tests.factories.credit import CreditRecordFactory

    current = CreditRecordFactory(uscc=CODE, decision_number="武市监罚〔2026〕88号")
    CreditRecordFactory(
        uscc=CODE,
        decision_number="武市监罚〔2019〕7号",
        published_on=timezone.localdate() - datetime.timedelta(days=5 * 365),
    )  # its publication period ended
    CreditRecordFactory(decision_number="武市监罚〔2026〕99号")  # another enterprise
    page = client.get(URL + f"respondent/{CODE}/").content.decode()
    assert current.decision_number in page and current.get_absolute_url() in page
    assert "〔2019〕7号" not in page and "〔2026〕99号" not in page


def test_english_pages(client, records):
    response = client.get("/en" + URL)
    assert response.status_code == 200
    assert response.context["LANGUAGE_CODE"] == "en"
    assert client.get("/en" + URL + f"{records[0].pk}/").status_code == 200


def test_url_names(records):
    assert reverse("records:browse") == URL
    assert reverse("records:export_csv") == URL + "records.csv"
