import pytest

from wijkportaal.demo import DEMO_PASSWORD


@pytest.fixture
def demo(app, runner):
    """The demo data: 23 wijken with schematic boundaries, ~250 schools, pots, expertise."""
    with app.app_context():
        result = runner.invoke(args=["demo-data"])
    assert result.exit_code == 0, result.output


@pytest.fixture
def login_demo(auth):
    return lambda email: auth.login(email, DEMO_PASSWORD)
