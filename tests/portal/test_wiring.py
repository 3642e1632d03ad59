"""What portal wires between apps that do not import each other, and the receivers each app
connects in its own AppConfig."""

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured

from cms import directory
from complaints.public import bureau_directory
from complaints.signals import case_changed


def test_the_cms_directory_lists_the_complaints_bureaus():
    assert directory._source == [bureau_directory]


def test_a_directory_without_a_source_says_so(monkeypatch):
    monkeypatch.setattr("cms.directory._source", [])
    with pytest.raises(ImproperlyConfigured, match="register_bureau_source"):
        directory.bureaus()


def test_each_app_connects_its_own_case_receivers():
    modules = {receiver().__module__ for receiver in _live_receivers(case_changed)}
    assert {
        "complaints.indexing",
        "complaints.notifications.receivers",
        "complaints.dashboard.receivers",
    } <= modules
    for label in ("complaints", "notifications", "dashboard", "open311"):
        assert apps.get_app_config(label)


def _live_receivers(signal):
    # Signal.receivers holds (lookup key, weak reference, …) tuples.
    return [entry[1] for entry in signal.receivers if entry[1]() is not None]
