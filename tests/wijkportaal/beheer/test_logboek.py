"""The audit log page: newest first, filtered, paged, readable."""

import html
import re
from datetime import timedelta

from sqlmodel import select

from wijkportaal.auth.models import Gebruiker
from wijkportaal.core.audit import AuditRegel
from wijkportaal.core.clock import now
from wijkportaal.core.roles import Rol


def text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def rows(response) -> list[str]:
    body = response.get_data(as_text=True).split("<tbody>", 1)[-1].split("</tbody>", 1)[0]
    return [html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", r))) for r in body.split("<tr>")[1:]]


def test_logboek_shows_a_user_creation_with_who_and_what(app, client, auth, db, make_user):
    beheerder = make_user(Rol.BEHEERDER, naam="Bea Beheer")
    auth.login(beheerder)
    client.post(
        "/beheer/gebruikers/nieuw",
        data={
            "email": "sam@swv.nl",
            "naam": "Sam Staf",
            "rol": "swv",
            "wachtwoord": "een-lang-wachtwoord",
            "herhaling": "een-lang-wachtwoord",
        },
    )
    swv = app.test_client()
    swv.post("/inloggen", data={"email": make_user(Rol.SWV).email, "wachtwoord": "test-wachtwoord-123"})
    response = swv.get("/beheer/logboek")
    assert response.status_code == 200
    [row] = rows(response)
    assert "Bea Beheer" in row
    assert "Gebruiker Sam Staf" in row
    assert "aangemaakt" in row
    assert "E-mailadres: sam@swv.nl" in row and "Rol: SWV-medewerker" in row
    assert "een-lang-wachtwoord" not in text(response)
    # SWV staff see the user's name but no link to the beheer page they may not open.
    sam = db.exec(select(Gebruiker).where(Gebruiker.email == "sam@swv.nl")).one()
    assert f"/beheer/gebruikers/{sam.id}" not in text(response)
    assert f"/beheer/gebruikers/{sam.id}" in text(client.get("/beheer/logboek"))


def test_changes_are_shown_old_to_new_with_names(client, auth, db, make_user, make_bestuur):
    auth.login(make_user(Rol.BEHEERDER))
    user = make_user(Rol.SWV, naam="Oud")
    bestuur = make_bestuur(naam="Stichting Voorbeeld")
    client.post(
        f"/beheer/gebruikers/{user.id}",
        data={"naam": "Nieuw", "rol": "bestuurder", "bestuur_id": str(bestuur.id), "is_actief": "y"},
    )
    [row] = rows(client.get("/beheer/logboek"))
    assert "Naam: Oud → werd Nieuw" in row
    assert "Rol: SWV-medewerker → werd Bestuurder" in row
    assert "Bestuur: — → werd Stichting Voorbeeld" in row


def _regel(db, **kw):
    db.add(AuditRegel(**kw))
    db.commit()


def test_filters(client, auth, db, make_user, make_wijk):
    beheerder = make_user(Rol.BEHEERDER, naam="Bea Beheer")
    chair = make_user(Rol.SCHOOLLEIDER, naam="Chris Chair")
    wijk, andere = make_wijk(naam="Osdorp"), make_wijk(naam="Noord-Oost")
    t = now()
    _regel(
        db,
        op=t - timedelta(days=40),
        gebruiker_id=chair.id,
        object_soort="bijeenkomsten",
        object_id=1,
        actie="gepland",
        wijk_id=wijk.id,
    )
    _regel(
        db,
        op=t - timedelta(days=3),
        gebruiker_id=chair.id,
        object_soort="agendapunten",
        object_id=2,
        actie="toegevoegd",
        wijk_id=andere.id,
    )
    _regel(
        db,
        op=t - timedelta(days=1),
        gebruiker_id=beheerder.id,
        object_soort="gebruikers",
        object_id=chair.id,
        actie="gewijzigd",
    )
    auth.login(beheerder)

    def acties(query):
        response = client.get("/beheer/logboek" + query)
        assert response.status_code == 200, query
        return [r.split()[-2] if False else r for r in rows(response)]

    assert len(acties("")) == 3
    newest_first = acties("")
    assert "gewijzigd" in newest_first[0] and "gepland" in newest_first[2]
    assert [("gepland" in r) for r in acties("?soort=bijeenkomsten")] == [True]
    assert len(acties(f"?gebruiker={chair.id}")) == 2
    only = acties(f"?wijk={wijk.id}")
    assert len(only) == 1 and "Osdorp" in only[0]
    van = (t - timedelta(days=5)).date()
    assert len(acties(f"?van={van.isoformat()}")) == 2
    assert len(acties(f"?tot={(t - timedelta(days=2)).date().strftime('%d-%m-%Y')}")) == 2
    assert len(acties(f"?van={van.isoformat()}&tot={(t - timedelta(days=2)).date().isoformat()}")) == 1
    # The filter choices are readable Dutch.
    page = text(client.get("/beheer/logboek"))
    assert ">Bijeenkomst</option>" in page and ">Chris Chair</option>" in page


def test_bad_filters_are_refused_in_dutch(client, auth, make_user):
    auth.login(make_user(Rol.SWV))
    response = client.get("/beheer/logboek?van=31-02-2026")
    assert response.status_code == 422
    assert "Vul een geldige datum in" in text(response)
    response = client.get("/beheer/logboek?van=2026-03-01&tot=2026-02-01")
    assert response.status_code == 422
    assert "vóór de datum bij 'Van'" in text(response)
    response = client.get("/beheer/logboek?gebruiker=abc&soort=onzin&pagina=-4")
    assert response.status_code == 422
    assert "Kies een waarde uit de lijst." in text(response)


def test_logboek_is_paged_by_fifty(client, auth, db, make_user):
    t = now()
    for i in range(60):
        db.add(
            AuditRegel(
                op=t - timedelta(minutes=i), object_soort="actiepunten", object_id=i, actie="gewijzigd"
            )
        )
    db.commit()
    auth.login(make_user(Rol.SWV))
    first = client.get("/beheer/logboek?soort=actiepunten")
    assert len(rows(first)) == 50
    assert "Actiepunt #0 " in rows(first)[0]
    assert "pagina=2" in text(first) and "soort=actiepunten" in text(first)
    second = client.get("/beheer/logboek?soort=actiepunten&pagina=2")
    assert len(rows(second)) == 10
    assert "Actiepunt #59 " in rows(second)[-1]
    assert "systeem" in rows(second)[-1]
    # A page past the end shows the last page rather than an error.
    assert len(rows(client.get("/beheer/logboek?soort=actiepunten&pagina=99"))) == 10
