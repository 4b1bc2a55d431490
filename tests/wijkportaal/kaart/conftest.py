import pytest

from wijkportaal.demo import DEMO_PASSWORD


@pytest.fixture
def login_demo(auth):
    return lambda email: auth.login(email, DEMO_PASSWORD)
