import pytest

from complaints.models import Role
from tests.factories.complaints import BureauFactory, staff_member
from tests.factories.inspections import inspection_setup


@pytest.fixture
def bureau(db):
    return BureauFactory(code="insp-city", name="市知识产权局（测试）")


@pytest.fixture
def other_bureau(db):
    return BureauFactory(code="insp-other", name="区市场监管局（测试）")


@pytest.fixture
def supervisor(bureau):
    return staff_member(bureau, Role.SUPERVISOR, username="insp_supervisor")


@pytest.fixture
def handler(bureau):
    return staff_member(bureau, Role.HANDLER, username="insp_handler")


@pytest.fixture
def setup(bureau):
    """A draft draw of 3 out of 10 targets with 4 inspectors in `bureau`."""
    return inspection_setup(bureau)
