"""A chair runs a meeting from planning to agreed minutes; bad input is refused and changes nothing."""

import re
from datetime import timedelta

import pytest
from sqlmodel import func, select

from wijkportaal.core.audit import AuditRegel
from wijkportaal.core.clock import now
from wijkportaal.core.roles import Rol
from wijkportaal.overleg.models import (
    Aanwezigheid,
    Actiepunt,
    Agendapunt,
    AgendapuntStatus,
    Amendement,
    Bijeenkomst,
    Thema,
)
from wijkportaal.wijken.models import OrganisatieSoort

VALID_BSN = "111222333"  # passes the elfproef


def plan_data(days=10, start="15:30", eind="17:00", **extra):
    day = (now() + timedelta(days=days)).date()
    return {
        "datum": day.isoformat(),
        "starttijd": start,
        "eindtijd": eind,
        "locatie": "De Vlieger, aula",
        **extra,
    }


def count(db, model):
    db.expire_all()
    return db.exec(select(func.count()).select_from(model)).one()


@pytest.fixture
def thema(db):
    t = Thema(naam="Thuiszitten en schoolaanwezigheid")
    db.add(t)
    db.commit()
    db.refresh(t)
    return t


def test_chair_plans_meeting_and_it_shows_on_wijk_page(client, auth, make_overleg, db):
    o = make_overleg()
    auth.login(o.voorzitter)
    response = client.post(f"/wijken/{o.wijk.code}/bijeenkomsten/nieuw", data=plan_data())
    assert response.status_code == 302
    b = db.exec(select(Bijeenkomst)).one()
    assert b.locatie == "De Vlieger, aula"
    page = client.get(f"/wijken/{o.wijk.code}").get_data(as_text=True)
    assert f"/bijeenkomsten/{b.id}" in page
    assert "concept-agenda" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (plan_data(days=-3), "niet in het verleden"),
        (plan_data(start="17:00", eind="16:00"), "eindtijd moet na de begintijd"),
        (plan_data(datum="31-02-2027"), "Ongeldige datum"),
        (plan_data(locatie=""), "locatie of een online link"),
        (plan_data(online_link="geen-link"), "volledige link"),
        (plan_data(locatie="x" * 100_000), "Maximaal 200 tekens"),
    ],
)
def test_bad_meeting_input_is_refused(client, auth, make_overleg, db, data, message):
    o = make_overleg()
    auth.login(o.voorzitter)
    response = client.post(f"/wijken/{o.wijk.code}/bijeenkomsten/nieuw", data=data)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert count(db, Bijeenkomst) == 0


def test_a_bsn_in_the_location_is_refused_at_the_field(client, auth, make_overleg, db):
    o = make_overleg()
    auth.login(o.voorzitter)
    response = client.post(
        f"/wijken/{o.wijk.code}/bijeenkomsten/nieuw", data=plan_data(locatie=f"Lokaal {VALID_BSN}")
    )
    assert response.status_code == 422
    fout = re.search(r'<p class="error" id="locatie-error">(.*?)</p>', response.get_data(as_text=True), re.S)
    assert fout and "op een burgerservicenummer (BSN) lijkt" in fout.group(1)
    assert count(db, Bijeenkomst) == 0


def test_agenda_flow_with_amendment_after_agreement(client, auth, make_overleg, make_bijeenkomst, db, thema):
    o = make_overleg()
    b = make_bijeenkomst(o.overleg, days=7)
    auth.login(o.voorzitter)
    item = {"titel": "Thuiszitters in de wijk", "thema_ids": [thema.id], "minuten": 20, "eigenaar": "OKT"}
    assert client.post(f"/bijeenkomsten/{b.id}/agendapunten", data=item).status_code == 302
    punt = db.exec(select(Agendapunt)).one()
    assert punt.status == AgendapuntStatus.AGENDA

    assert client.post(f"/bijeenkomsten/{b.id}/vaststellen").status_code == 302
    db.expire_all()
    assert db.get(Bijeenkomst, b.id).agenda_vastgesteld_op is not None

    # After agreement a change without a reason is refused and changes nothing ...
    changed = {**item, "titel": "Thuiszitters en verzuim"}
    response = client.post(f"/agendapunten/{punt.id}/bewerken", data=changed)
    assert response.status_code == 422
    assert "geef een reden" in response.get_data(as_text=True)
    db.expire_all()
    assert db.get(Agendapunt, punt.id).titel == "Thuiszitters in de wijk"
    assert count(db, Amendement) == 0

    # ... and with a reason it is recorded as an amendment with who and when.
    response = client.post(
        f"/agendapunten/{punt.id}/bewerken", data={**changed, "reden": "Verzoek leerplicht"}
    )
    assert response.status_code == 302
    amendement = db.exec(select(Amendement)).one()
    assert amendement.reden == "Verzoek leerplicht"
    assert amendement.gebruiker_id == o.voorzitter.id
    page = client.get(f"/bijeenkomsten/{b.id}").get_data(as_text=True)
    assert "Verzoek leerplicht" in page and "Thuiszitters en verzuim" in page


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ({"titel": "", "minuten": 10}, "Dit veld is verplicht"),
        ({"titel": "x" * 100_000, "minuten": 10}, "Maximaal 200 tekens"),
        ({"titel": "Punt", "minuten": 10, "thema_ids": [99999]}, "Kies alleen uit de genoemde mogelijkheden"),
        ({"titel": "Punt", "minuten": 10, "thema_ids": ["abc"]}, "Kies alleen uit de genoemde mogelijkheden"),
        ({"titel": "Punt", "minuten": 0}, "Kies 1 tot 240 minuten"),
        ({"titel": f"Leerling {VALID_BSN}", "minuten": 10}, "burgerservicenummer"),
        (
            {"titel": "Punt", "minuten": 10, "beschrijving": "BSN 111.222.333 van de leerling"},
            "burgerservicenummer",
        ),
    ],
)
def test_bad_agenda_items_are_refused(client, auth, make_overleg, make_bijeenkomst, db, item, message):
    o = make_overleg()
    b = make_bijeenkomst(o.overleg, days=7)
    auth.login(o.voorzitter)
    response = client.post(f"/bijeenkomsten/{b.id}/agendapunten", data=item)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert count(db, Agendapunt) == 0


def test_empty_agenda_cannot_be_agreed(client, auth, make_overleg, make_bijeenkomst, db):
    o = make_overleg()
    b = make_bijeenkomst(o.overleg, days=7)
    auth.login(o.voorzitter)
    response = client.post(f"/bijeenkomsten/{b.id}/vaststellen", follow_redirects=True)
    assert "lege agenda" in response.get_data(as_text=True)
    db.expire_all()
    assert db.get(Bijeenkomst, b.id).agenda_vastgesteld_op is None


def test_member_proposes_and_chair_accepts(client, auth, make_overleg, make_bijeenkomst, make_user, db):
    o = make_overleg()
    b = make_bijeenkomst(o.overleg, days=7)
    partner = make_user(Rol.PARTNER, organisatie=o.okt)
    auth.login(partner)
    assert (
        client.post(
            f"/bijeenkomsten/{b.id}/agendapunten", data={"titel": "Wachtlijst OKT", "minuten": 10}
        ).status_code
        == 302
    )
    punt = db.exec(select(Agendapunt)).one()
    assert punt.status == AgendapuntStatus.VOORGESTELD
    # A member cannot accept their own proposal or agree the agenda.
    assert client.post(f"/agendapunten/{punt.id}/beoordelen", data={"besluit": "opnemen"}).status_code == 403
    assert client.post(f"/bijeenkomsten/{b.id}/vaststellen").status_code == 403
    auth.logout()
    auth.login(o.voorzitter)
    assert client.post(f"/agendapunten/{punt.id}/beoordelen", data={"besluit": "opnemen"}).status_code == 302
    db.expire_all()
    assert db.get(Agendapunt, punt.id).status == AgendapuntStatus.AGENDA


def test_after_the_meeting_attendance_minutes_decisions_actions(
    client, auth, make_overleg, make_bijeenkomst, db
):
    o = make_overleg()
    b = make_bijeenkomst(o.overleg, days=-1, vastgesteld=True, agendapunten=["Dekkend aanbod"])
    punt = db.exec(select(Agendapunt)).one()
    auth.login(o.voorzitter)
    response = client.post(
        f"/bijeenkomsten/{b.id}/aanwezigheid",
        data={f"org-{o.school.id}": "aanwezig", f"org-{o.okt.id}": "aanwezig", f"org-{o.so.id}": "afgemeld"},
    )
    assert response.status_code == 302
    assert count(db, Aanwezigheid) == 3

    assert (
        client.post(
            f"/agendapunten/{punt.id}/notulen", data={"notulen": "Besproken: aanbod gedrag."}
        ).status_code
        == 302
    )
    response = client.post(
        f"/agendapunten/{punt.id}/notulen", data={"notulen": f"Leerling met BSN {VALID_BSN}"}
    )
    assert response.status_code == 422
    db.expire_all()
    assert db.get(Agendapunt, punt.id).notulen == "Besproken: aanbod gedrag."

    assert (
        client.post(
            f"/bijeenkomsten/{b.id}/besluiten", data={"tekst": "We starten een expertteam."}
        ).status_code
        == 302
    )
    deadline = (now() - timedelta(hours=1)).date()
    assert (
        client.post(
            f"/bijeenkomsten/{b.id}/actiepunten",
            data={
                "omschrijving": "Offerte opvragen",
                "eigenaar": "Voorzitter",
                "deadline": deadline.isoformat(),
            },
        ).status_code
        == 302
    )
    page = client.get(f"/bijeenkomsten/{b.id}").get_data(as_text=True)
    assert "We starten een expertteam." in page and "Offerte opvragen" in page
    # Audit log holds who did it.
    assert (
        db.exec(select(AuditRegel).where(AuditRegel.object_soort == "actiepunten")).one().gebruiker_id
        == o.voorzitter.id
    )


def test_action_deadline_before_meeting_refused(client, auth, make_overleg, make_bijeenkomst, db):
    o = make_overleg()
    b = make_bijeenkomst(o.overleg, days=-1)
    auth.login(o.voorzitter)
    response = client.post(
        f"/bijeenkomsten/{b.id}/actiepunten",
        data={"omschrijving": "X", "eigenaar": "Y", "deadline": "2001-01-01"},
    )
    assert response.status_code == 422
    assert "vóór de bijeenkomst" in response.get_data(as_text=True)
    assert count(db, Actiepunt) == 0


def test_open_actions_carry_over_and_overdue_stands_out(client, auth, make_overleg, make_bijeenkomst, db):
    o = make_overleg()
    vorige = make_bijeenkomst(o.overleg, days=-30)
    db.add(
        Actiepunt(
            wijkoverleg_id=o.overleg.id,
            bijeenkomst_id=vorige.id,
            omschrijving="Plan thuiszitters",
            eigenaar="Leerplicht",
            deadline=(now() - timedelta(days=3)).date(),
        )
    )
    db.commit()
    volgende = make_bijeenkomst(o.overleg, days=7)
    auth.login(o.voorzitter)
    page = client.get(f"/bijeenkomsten/{volgende.id}").get_data(as_text=True)
    assert "Plan thuiszitters" in page
    assert "te laat" in page


def test_minutes_are_agreed_only_at_or_after_next_meeting(client, auth, make_overleg, make_bijeenkomst, db):
    o = make_overleg()
    eerste = make_bijeenkomst(o.overleg, days=-60)
    volgende = make_bijeenkomst(o.overleg, days=5)
    auth.login(o.voorzitter)
    client.post(f"/bijeenkomsten/{eerste.id}/notulen-vaststellen")
    db.expire_all()
    assert db.get(Bijeenkomst, eerste.id).notulen_vastgesteld_op is None
    volgende.start = now() - timedelta(minutes=10)
    volgende.eind = now() + timedelta(hours=1)
    db.add(volgende)
    db.commit()
    assert client.post(f"/bijeenkomsten/{eerste.id}/notulen-vaststellen").status_code == 302
    db.expire_all()
    assert db.get(Bijeenkomst, eerste.id).notulen_vastgesteld_op is not None


def test_chair_of_other_wijk_cannot_touch_meeting(client, auth, make_overleg, make_bijeenkomst, db):
    own, other = make_overleg(), make_overleg()
    b = make_bijeenkomst(other.overleg, days=7, agendapunten=["Punt"])
    auth.login(own.voorzitter)
    assert client.get(f"/bijeenkomsten/{b.id}").status_code == 403
    assert (
        client.post(
            f"/bijeenkomsten/{b.id}/agendapunten", data={"titel": "Inbraak", "minuten": 5}
        ).status_code
        == 403
    )
    assert client.post(f"/bijeenkomsten/{b.id}/vaststellen").status_code == 403
    assert client.get(f"/wijken/{other.wijk.code}/bijeenkomsten/nieuw").status_code == 403
    assert client.get("/bijeenkomsten/999999").status_code == 404
    assert count(db, Agendapunt) == 1


def test_ics_invitation(client, auth, make_overleg, make_bijeenkomst):
    o = make_overleg()
    b = make_bijeenkomst(o.overleg, days=7)
    auth.login(o.voorzitter)
    response = client.get(f"/bijeenkomsten/{b.id}.ics")
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert "BEGIN:VEVENT" in body and f"Wijkoverleg {o.wijk.naam}" in body


def test_members_and_secretary(client, auth, make_overleg, make_org, make_user, db):
    o = make_overleg()
    leerplicht = make_org(None, OrganisatieSoort.LEERPLICHT, naam="Leerplicht Test")
    secretaris = make_user(Rol.SCHOOLLEIDER, organisatie=o.school)
    auth.login(o.voorzitter)
    assert (
        client.post(
            f"/wijken/{o.wijk.code}/overleg/leden", data={"lid-organisatie_id": leerplicht.id}
        ).status_code
        == 302
    )
    assert "Leerplicht Test" in client.get(f"/wijken/{o.wijk.code}").get_data(as_text=True)
    assert (
        client.post(
            f"/wijken/{o.wijk.code}/overleg/leden", data={"sec-secretaris_id": secretaris.id}
        ).status_code
        == 302
    )
    auth.logout()
    auth.login(secretaris)
    assert client.post(f"/wijken/{o.wijk.code}/bijeenkomsten/nieuw", data=plan_data()).status_code == 302


# A form that creates something creates it once, however often it is sent (the one idempotency record).


def test_the_same_meeting_form_sent_twice_plans_one_meeting(client, auth, make_overleg, db):
    o = make_overleg()
    auth.login(o.voorzitter)
    data = {**plan_data(), "sleutel": "formulier-1"}
    first = client.post(f"/wijken/{o.wijk.code}/bijeenkomsten/nieuw", data=data)
    again = client.post(f"/wijken/{o.wijk.code}/bijeenkomsten/nieuw", data=data)
    assert first.status_code == again.status_code == 302
    assert first.headers["Location"] == again.headers["Location"]  # both lead to the one meeting
    assert count(db, Bijeenkomst) == 1


def test_the_same_key_with_other_content_is_refused_and_plans_nothing_more(client, auth, make_overleg, db):
    o = make_overleg()
    auth.login(o.voorzitter)
    client.post(f"/wijken/{o.wijk.code}/bijeenkomsten/nieuw", data={**plan_data(), "sleutel": "k"})
    other = {**plan_data(days=21), "locatie": "Elders", "sleutel": "k"}
    response = client.post(f"/wijken/{o.wijk.code}/bijeenkomsten/nieuw", data=other)
    assert response.status_code == 422
    assert "al gebruikt voor een ander verzoek" in response.get_data(as_text=True)
    assert [b.locatie for b in db.exec(select(Bijeenkomst))] == ["De Vlieger, aula"]


def test_two_chairs_with_the_same_key_each_plan_their_own_meeting(client, auth, make_overleg, db):
    first, second = make_overleg(), make_overleg()
    for o in (first, second):
        auth.login(o.voorzitter)
        data = {**plan_data(), "sleutel": "dezelfde-sleutel"}
        assert client.post(f"/wijken/{o.wijk.code}/bijeenkomsten/nieuw", data=data).status_code == 302
        auth.logout()
    assert count(db, Bijeenkomst) == 2
