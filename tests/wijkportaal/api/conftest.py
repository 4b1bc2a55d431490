import pytest

from wijkportaal.auth import services


@pytest.fixture
def make_token(db):
    """A personal API token for `user`, in plain text, as `flask user token` would print it."""

    def make(user):
        token = services.issue_token(db, user, "test")
        db.commit()
        return token

    return make
