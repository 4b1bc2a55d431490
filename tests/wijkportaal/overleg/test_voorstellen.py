"""The chair sees members' proposals above the agenda and decides there; agreeing an agenda while
proposals are open takes a confirmation, and without it nothing changes."""

import re

import pytest
from sqlmodel import select

from wijkportaal.core.audit import AuditRegel
from wijkportaal.core.roles import Rol
from wijkportaal.overleg.models import Agendapunt, AgendapuntStatus, Bijeenkomst


@pytest.fixture
def vergadering(make_overleg, make_bijeenkomst, make_user, client, auth, db):
    """A meeting in a week with one agenda item and two proposals of the OKT's partner."""
    o = make_overleg()
    b = make_bijeenkomst(o.overleg, days=7, agendapunten=["Opening"])
    o.partner = make_user(Rol.PARTNER, organisatie=o.okt, naam="Petra Partner")
    auth.login(o.partner)
    for titel in ("Wachtlijst OKT", "Schoolverzuim"):
        response = client.post(f"/bijeenkomsten/{b.id}/agendapunten", data={"titel": titel, "minuten": 10})
        assert response.status_code == 302
    auth.logout()
    o.b = b
    return o


def vastgesteld(db, b) -> bool:
    db.expire_all()
    return db.get(Bijeenkomst, b.id).agenda_vastgesteld_op is not None


def status(db, titel):
    db.expire_all()
    return db.exec(select(Agendapunt.status).where(Agendapunt.titel == titel)).one()


def test_proposals_stand_above_the_agenda_with_accept_and_reject(client, auth, vergadering):
    auth.login(vergadering.voorzitter)
    html = client.get(f"/bijeenkomsten/{vergadering.b.id}").get_data(as_text=True)
    assert html.index("Voorgestelde agendapunten") < html.index('id="agenda-kop"')
    assert "2 voorstellen van leden wachten op uw besluit." in html
    voorstellen = html[html.index('id="voorstellen"') : html.index('id="agenda"')]
    assert "Wachtlijst OKT" in voorstellen and "Voorgesteld door Petra Partner" in voorstellen
    assert voorstellen.count(">Opnemen in agenda<") == 2 and voorstellen.count(">Afwijzen<") == 2
    assert "Ik stel de agenda vast hoewel er 2 voorstellen openstaan" in html


def test_chair_accepts_one_and_rejects_the_other_from_the_meeting_page(client, auth, db, vergadering):
    auth.login(vergadering.voorzitter)
    punten = dict(db.exec(select(Agendapunt.titel, Agendapunt.id)).all())
    opnemen = client.post(f"/agendapunten/{punten['Wachtlijst OKT']}/beoordelen", data={"besluit": "opnemen"})
    assert opnemen.status_code == 302
    html = client.get(f"/bijeenkomsten/{vergadering.b.id}").get_data(as_text=True)
    assert "1 voorstel van leden wacht op uw besluit." in html
    assert "Ik stel de agenda vast hoewel er 1 voorstel openstaat" in html
    client.post(f"/agendapunten/{punten['Schoolverzuim']}/beoordelen", data={"besluit": "afwijzen"})
    assert (status(db, "Wachtlijst OKT"), status(db, "Schoolverzuim")) == (
        AgendapuntStatus.AGENDA,
        AgendapuntStatus.AFGEWEZEN,
    )
    html = client.get(f"/bijeenkomsten/{vergadering.b.id}").get_data(as_text=True)
    assert "Voorgestelde agendapunten" not in html and "hoewel er" not in html
    assert client.post(f"/bijeenkomsten/{vergadering.b.id}/vaststellen").status_code == 302
    assert vastgesteld(db, vergadering.b)


@pytest.mark.parametrize(
    "data",
    [{}, {"voorstellen": "2"}, {"bevestig": "y"}, {"bevestig": "y", "voorstellen": "1"}],
    ids=["niets", "aantal zonder vinkje", "vinkje zonder aantal", "te weinig gezien"],
)
def test_agreeing_with_open_proposals_without_confirmation_changes_nothing(
    client, auth, db, vergadering, data
):
    auth.login(vergadering.voorzitter)
    audit_voor = len(db.exec(select(AuditRegel)).all())
    response = client.post(f"/bijeenkomsten/{vergadering.b.id}/vaststellen", data=data)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    fout = re.search(r'<p class="error" id="bevestig-error">(.*?)</p>', html, re.S)
    assert fout and "Er staan nog 2 voorstellen van leden open." in fout.group(1)
    assert "Ik stel de agenda vast hoewel er 2 voorstellen openstaan" in html
    assert "Wachtlijst OKT" in html and "Schoolverzuim" in html
    assert not vastgesteld(db, vergadering.b)
    assert len(db.exec(select(AuditRegel)).all()) == audit_voor
    assert status(db, "Wachtlijst OKT") == AgendapuntStatus.VOORGESTELD


def test_agreeing_with_confirmation_agrees_and_leaves_the_proposals_open(client, auth, db, vergadering):
    auth.login(vergadering.voorzitter)
    bevestigd = client.post(
        f"/bijeenkomsten/{vergadering.b.id}/vaststellen", data={"bevestig": "y", "voorstellen": "2"}
    )
    assert bevestigd.status_code == 302
    assert vastgesteld(db, vergadering.b)
    assert status(db, "Wachtlijst OKT") == AgendapuntStatus.VOORGESTELD
    assert "De agenda is vastgesteld." in client.get(bevestigd.headers["Location"]).get_data(as_text=True)


def test_the_confirmation_page_works_without_javascript(client, auth, db, vergadering):
    auth.login(vergadering.voorzitter)
    html = client.get(f"/bijeenkomsten/{vergadering.b.id}/vaststellen").get_data(as_text=True)
    assert "Er staan nog 2 voorstellen van leden open." in html
    assert re.search(r'<input[^>]*name="bevestig"[^>]*required', html)
    assert 'name="voorstellen" type="hidden" value="2"' in html
    assert not vastgesteld(db, vergadering.b)


def test_a_proposal_that_came_in_after_the_confirmation_asks_again(client, auth, db, vergadering):
    auth.login(vergadering.partner)
    client.post(f"/bijeenkomsten/{vergadering.b.id}/agendapunten", data={"titel": "Nog een", "minuten": 5})
    auth.logout()
    auth.login(vergadering.voorzitter)
    response = client.post(
        f"/bijeenkomsten/{vergadering.b.id}/vaststellen", data={"bevestig": "y", "voorstellen": "2"}
    )
    assert response.status_code == 422
    assert "Er staan nog 3 voorstellen van leden open." in response.get_data(as_text=True)
    assert not vastgesteld(db, vergadering.b)


def test_members_see_their_proposals_waiting_but_cannot_agree(client, auth, db, vergadering):
    auth.login(vergadering.partner)
    html = client.get(f"/bijeenkomsten/{vergadering.b.id}").get_data(as_text=True)
    assert "2 voorstellen van leden wachten op het besluit van de voorzitter." in html
    assert ">Opnemen in agenda<" not in html and "Agenda vaststellen" not in html
    assert client.get(f"/bijeenkomsten/{vergadering.b.id}/vaststellen").status_code == 403
    response = client.post(
        f"/bijeenkomsten/{vergadering.b.id}/vaststellen", data={"bevestig": "y", "voorstellen": "2"}
    )
    assert response.status_code == 403
    assert not vastgesteld(db, vergadering.b)
