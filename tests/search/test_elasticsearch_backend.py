"""The Elasticsearch backend's index management against a recording fake client."""

from unittest import mock

import pytest

from search.backends.elasticsearch import ElasticsearchBackend


@pytest.fixture
def client():
    fake = mock.MagicMock()
    fake.indices.exists_alias.return_value = True
    fake.indices.get_alias.return_value = {"ipportal-content-20250101": {"aliases": {}}}
    fake.options.return_value = fake  # per-request options: the same client
    return fake


@pytest.fixture
def bulk_calls():
    calls = []

    def fake_bulk(client, actions):
        actions = list(actions)
        calls.append(actions)
        return len(actions), []

    with mock.patch("search.backends.elasticsearch.bulk", fake_bulk):
        yield calls


def test_rebuild_fills_a_new_index_then_swaps_the_alias_atomically(client, bulk_calls, page_source):
    entries = [page_source.entry(page) for page in page_source.all()]
    count = ElasticsearchBackend(client).rebuild("content", [entries[:10], entries[10:]])
    assert count == len(entries)
    created = client.indices.create.call_args.kwargs
    new_name = created["index"]
    assert new_name.startswith("ipportal-content-") and new_name != "ipportal-content-20250101"
    assert created["body"]["mappings"]["properties"]["title"]["analyzer"] == "ipportal_chinese"
    assert {action["_index"] for batch in bulk_calls for action in batch} == {new_name}
    client.indices.update_aliases.assert_called_once_with(
        actions=[
            {"remove": {"index": "ipportal-content-20250101", "alias": "ipportal-content"}},
            {"add": {"index": new_name, "alias": "ipportal-content"}},
        ]
    )
    client.indices.delete.assert_called_once_with(
        index="ipportal-content-20250101", ignore_unavailable=True
    )


def test_failed_rebuild_leaves_the_live_alias_alone(client, page_source):
    def broken_batches():
        yield [page_source.entry(page_source.by_slug("city-plan"))]
        raise ConnectionError("cluster went away")

    with (
        mock.patch("search.backends.elasticsearch.bulk", return_value=(1, [])),
        pytest.raises(ConnectionError),
    ):
        ElasticsearchBackend(client).rebuild("content", broken_batches())
    client.indices.update_aliases.assert_not_called()
    new_name = client.indices.create.call_args.kwargs["index"]
    client.indices.delete.assert_called_once_with(index=new_name, ignore_unavailable=True)


def test_index_writes_through_the_alias(client, bulk_calls, page_source):
    entry = page_source.entry(page_source.by_slug("city-plan"))
    ElasticsearchBackend(client).index([entry])
    (action,) = bulk_calls[0]
    assert action["_index"] == "ipportal-content"
    assert action["_id"] == entry.key


def test_health_reports_cluster_state(client):
    client.cluster.health.return_value = {"cluster_name": "portal", "status": "yellow"}
    assert ElasticsearchBackend(client).health() == (True, "elasticsearch portal yellow")
    client.cluster.health.return_value = {"cluster_name": "portal", "status": "red"}
    assert ElasticsearchBackend(client).health()[0] is False
    client.cluster.health.side_effect = ConnectionError("refused")
    assert ElasticsearchBackend(client).health() == (False, "elasticsearch: ConnectionError")
