"""Personal API tokens: issued by the beheerder, shown once, revocable."""

import re

from sqlmodel import select

from wijkportaal.auth.models import ApiToken
from wijkportaal.core.audit import AuditRegel
from wijkportaal.core.roles import Rol


def issue(client, user, omschrijving="Dashboard gemeente"):
    return client.post(f"/beheer/gebruikers/{user.id}/tokens", data={"omschrijving": omschrijving})


def token_in(response) -> str:
    return re.search(r'value="(wp_[^"]+)"', response.get_data(as_text=True)).group(1)


def test_token_is_shown_once_and_works_until_revoked(app, client, auth, db, make_user, make_wijk):
    make_wijk()
    user = make_user(Rol.SWV, naam="Dana Dashboard")
    auth.login(make_user(Rol.BEHEERDER))

    response = issue(client, user)
    assert response.status_code == 200  # rendered in the POST response, not a redirect
    token = token_in(response)
    assert "Kopieer het token nu" in response.get_data(as_text=True)
    record = db.exec(select(ApiToken).where(ApiToken.gebruiker_id == user.id)).one()
    assert token.startswith(record.prefix) and record.token_hash != token
    assert record.omschrijving == "Dashboard gemeente"

    # Not shown again, not in the audit log.
    page = client.get(f"/beheer/gebruikers/{user.id}").get_data(as_text=True)
    assert token not in page and record.prefix in page and "Dashboard gemeente" in page
    assert token not in str([r.wijzigingen for r in db.exec(select(AuditRegel))])

    api = app.test_client()
    bearer = {"Authorization": f"Bearer {token}"}
    assert api.get("/wijken", headers=bearer).status_code == 200
    assert api.get("/beheer/logboek", headers=bearer).status_code == 200
    db.refresh(record)
    assert record.laatst_gebruikt_op is not None
    assert api.get("/wijken", headers={"Authorization": "Bearer wp_fout"}).status_code == 302

    response = client.post(f"/beheer/gebruikers/{user.id}/tokens/{record.id}/intrekken")
    assert response.status_code == 302
    db.refresh(record)
    assert record.ingetrokken_op is not None
    response = api.get("/wijken", headers=bearer)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/inloggen")
    assert "ingetrokken" in client.get(f"/beheer/gebruikers/{user.id}").get_data(as_text=True)

    acties = [r.actie for r in db.exec(select(AuditRegel).where(AuditRegel.object_soort == "api_tokens"))]
    assert sorted(acties) == ["token ingetrokken", "token uitgegeven"]


def test_token_needs_a_description(client, auth, db, make_user):
    user = make_user(Rol.SWV)
    auth.login(make_user(Rol.BEHEERDER))
    for omschrijving, message in [
        ("", "Beschrijf waarvoor het token is"),
        ("x" * 5000, "hoogstens 120 tekens"),
    ]:
        response = issue(client, user, omschrijving)
        assert response.status_code == 422
        assert message in response.get_data(as_text=True)
    assert db.exec(select(ApiToken)).first() is None


def test_no_token_for_an_inactive_user(client, auth, db, make_user):
    user = make_user(Rol.SWV)
    user.is_actief = False
    db.add(user)
    db.commit()
    auth.login(make_user(Rol.BEHEERDER))
    response = issue(client, user)
    assert response.status_code == 422
    assert "niet actief" in response.get_data(as_text=True)
    assert db.exec(select(ApiToken)).first() is None


def test_deactivating_a_user_stops_their_tokens(app, client, auth, db, make_user):
    user = make_user(Rol.SWV)
    auth.login(make_user(Rol.BEHEERDER))
    token = token_in(issue(client, user))
    api = app.test_client()
    assert api.get("/beheer/logboek", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    client.post(f"/beheer/gebruikers/{user.id}", data={"naam": user.naam, "rol": "swv"})
    assert api.get("/beheer/logboek", headers={"Authorization": f"Bearer {token}"}).status_code == 302
