import pytest
from django.contrib import admin
from django.urls import reverse

from tests.factories.complaints import UserFactory

pytestmark = pytest.mark.django_db

EDITABLE = {
    "channel", "district", "bureau", "clockprofile", "category", "routingrule",
    "workingdayoverride", "staffmembership", "responsetemplate",
}  # fmt: skip


def test_every_complaints_model_is_in_the_admin(client, reference_data, case_a):
    from django.apps import apps

    registered = {model for model in admin.site._registry if model._meta.app_label == "complaints"}
    assert registered == set(apps.get_app_config("complaints").get_models())
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    for model in registered:
        name = model._meta.model_name
        changelist = client.get(reverse(f"admin:complaints_{name}_changelist"))
        assert changelist.status_code == 200, name
        add = client.get(reverse(f"admin:complaints_{name}_add"))
        assert (add.status_code == 200) == (name in EDITABLE), name
    detail = client.get(reverse("admin:complaints_complaint_change", args=[case_a.pk]))
    assert detail.status_code == 200
