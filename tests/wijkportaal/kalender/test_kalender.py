"""Calendar feeds and the .ics download: they parse with the icalendar package and carry what calendar
programs enforce (VTIMEZONE, DTSTAMP, UID, SEQUENCE, METHOD), show the right local times on both sides of
the summer-time changes, work only with a valid secret, show only the user's own wijken, and the API and
the settings page give the URLs."""

from datetime import UTC, datetime, timedelta

import pytest
from icalendar import Calendar
from sqlmodel import select

from wijkportaal.core.roles import Rol
from wijkportaal.kalender.models import KalenderToken
from wijkportaal.overleg.models import Bijeenkomst, Lidmaatschap

# 2027: summer time starts Sunday 28 March, ends Sunday 31 October.
VOOR_ZOMERTIJD = datetime(2027, 3, 26, 15, 30)
NA_ZOMERTIJD = datetime(2027, 3, 30, 15, 30)
VOOR_WINTERTIJD = datetime(2027, 10, 29, 19, 0)
NA_WINTERTIJD = datetime(2027, 11, 2, 19, 0)


@pytest.fixture
def wereld(make_overleg, make_user, make_bijeenkomst, make_org, db):
    """Osdorp (meetings around both changes of 2027) and Noord; the chair of Osdorp, a member of both
    through their school, a bestuurder and SWV staff."""
    osdorp = make_overleg()
    noord = make_overleg()
    osdorp.wijk.naam, noord.wijk.naam = "Osdorp", "Noord"
    db.add_all([osdorp.wijk, noord.wijk])
    db.commit()
    meetings = [make_bijeenkomst(osdorp.overleg, start=s) for s in (VOOR_ZOMERTIJD, NA_ZOMERTIJD)]
    meetings += [make_bijeenkomst(osdorp.overleg, start=s) for s in (VOOR_WINTERTIJD, NA_WINTERTIJD)]
    noord_meeting = make_bijeenkomst(noord.overleg, start=datetime(2027, 1, 12, 9, 0))
    # A school that is a member of both overleggen; its leader takes part in both.
    school = make_org(osdorp.wijk)
    for o in (osdorp, noord):
        db.add(Lidmaatschap(wijkoverleg_id=o.overleg.id, organisatie_id=school.id))
    db.commit()
    return {
        "osdorp": osdorp,
        "noord": noord,
        "meetings": meetings,
        "noord_meeting": noord_meeting,
        "beide": make_user(Rol.SCHOOLLEIDER, organisatie=school),
        "swv": make_user(Rol.SWV),
    }


def _login_and_links(client, auth, user) -> dict:
    auth.login(user)
    response = client.get("/api/v1/kalender")
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.json


def _events(body: bytes) -> list:
    cal = Calendar.from_ical(body)
    return [c for c in cal.walk("VEVENT")]


def _local(component, key):
    """A date-time as the calendar program shows it in Amsterdam: naive local time and its UTC offset."""
    value = component.decoded(key)
    return value.replace(tzinfo=None), value.utcoffset()


def test_personal_feed_is_valid_icalendar_with_right_local_times(client, auth, wereld):
    links = _login_and_links(client, auth, wereld["osdorp"].voorzitter)
    path = links["persoonlijk"].removeprefix("http://localhost")
    auth.logout()
    response = client.get(path)  # a calendar program: no login
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/calendar")
    cal = Calendar.from_ical(response.data)
    assert cal["METHOD"] == "PUBLISH" and cal["VERSION"] == "2.0" and cal["PRODID"]
    [tz] = cal.walk("VTIMEZONE")
    assert tz["TZID"] == "Europe/Amsterdam"
    assert {c.name for c in tz.subcomponents} == {"STANDARD", "DAYLIGHT"}
    events = _events(response.data)
    assert [_local(e, "DTSTART") for e in events] == [
        (VOOR_ZOMERTIJD, timedelta(hours=1)),
        (NA_ZOMERTIJD, timedelta(hours=2)),
        (VOOR_WINTERTIJD, timedelta(hours=2)),
        (NA_WINTERTIJD, timedelta(hours=1)),
    ]
    # In UTC (what a calendar in another zone shows) the two 15:30 meetings differ by the hour of the change.
    utc = [e.decoded("DTSTART").astimezone(UTC).replace(tzinfo=None) for e in events[:2]]
    assert utc == [datetime(2027, 3, 26, 14, 30), datetime(2027, 3, 30, 13, 30)]
    for e, b in zip(events, wereld["meetings"], strict=True):
        assert e["DTSTART"].params["TZID"] == "Europe/Amsterdam"
        assert e["UID"] == f"bijeenkomst-{b.id}@wijkportaal"
        assert e.decoded("SEQUENCE") == 0 and e["STATUS"] == "CONFIRMED"
        assert e.decoded("DTSTAMP").utcoffset() == timedelta(0)
        assert _local(e, "DTEND")[0] == _local(e, "DTSTART")[0] + timedelta(hours=2)
        assert str(e["SUMMARY"]) == "Wijkoverleg Osdorp"


def test_the_ics_download_has_the_same_event(client, auth, wereld):
    b = wereld["meetings"][2]
    auth.login(wereld["osdorp"].voorzitter)
    response = client.get(f"/bijeenkomsten/{b.id}.ics")
    assert response.status_code == 200
    cal = Calendar.from_ical(response.data)
    assert cal["METHOD"] == "PUBLISH" and len(cal.walk("VTIMEZONE")) == 1
    [event] = _events(response.data)
    assert event["UID"] == f"bijeenkomst-{b.id}@wijkportaal"
    assert _local(event, "DTSTART") == (VOOR_WINTERTIJD, timedelta(hours=2))
    assert "DTSTAMP" in event and event.decoded("SEQUENCE") == 0


def test_moving_then_cancelling_raises_sequence_and_cancels(client, auth, wereld, db):
    b = wereld["meetings"][3]
    auth.login(wereld["osdorp"].voorzitter)
    response = client.post(
        f"/bijeenkomsten/{b.id}/bewerken",
        data={
            "datum": "2027-11-03",
            "starttijd": "19:00",
            "eindtijd": "21:00",
            "locatie": "Buurthuis De Aker",
            "online_link": "",
            "reden": "Zaal bezet",
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    [event] = _events(client.get(f"/bijeenkomsten/{b.id}.ics").data)
    assert event.decoded("SEQUENCE") == 1 and str(event["LOCATION"]) == "Buurthuis De Aker"
    assert _local(event, "DTSTART") == (datetime(2027, 11, 3, 19, 0), timedelta(hours=1))

    response = client.post(f"/bijeenkomsten/{b.id}/annuleren", data={"reden": "Te weinig aanmeldingen"})
    assert response.status_code in (302, 303)
    [event] = _events(client.get(f"/bijeenkomsten/{b.id}.ics").data)
    assert event.decoded("SEQUENCE") == 2 and event["STATUS"] == "CANCELLED"
    assert event["UID"] == f"bijeenkomst-{b.id}@wijkportaal"
    db.expire_all()
    assert db.get(Bijeenkomst, b.id).sequence == 2


def test_personal_feed_holds_only_the_users_own_wijken(client, auth, wereld):
    """The chair takes part in Osdorp only; a member school's leader in both; SWV staff in none (they see
    every wijk, and get a feed per wijk instead)."""
    verwacht = {
        "osdorp_voorzitter": {b.id for b in wereld["meetings"]},
        "beide": {b.id for b in wereld["meetings"]} | {wereld["noord_meeting"].id},
        "swv": set(),
    }
    gebruikers = {
        "osdorp_voorzitter": wereld["osdorp"].voorzitter,
        "beide": wereld["beide"],
        "swv": wereld["swv"],
    }
    for naam, user in gebruikers.items():
        links = _login_and_links(client, auth, user)
        auth.logout()
        events = _events(client.get(links["persoonlijk"]).data)
        uids = {int(str(e["UID"]).split("-")[1].split("@")[0]) for e in events}
        assert uids == verwacht[naam], naam


def test_wijk_feeds_and_api_shape(client, auth, wereld):
    links = _login_and_links(client, auth, wereld["beide"])
    assert set(links) == {"persoonlijk", "wijken"}
    assert links["persoonlijk"].startswith("http://localhost/kalender/wk_")
    assert [(w["code"], w["naam"]) for w in links["wijken"]] == [
        (wereld["noord"].wijk.code, "Noord"),
        (wereld["osdorp"].wijk.code, "Osdorp"),
    ]
    token = links["persoonlijk"].removeprefix("http://localhost/kalender/").removesuffix(".ics")
    noord = links["wijken"][0]["url"]
    assert noord == f"http://localhost/kalender/{token}/{wereld['noord'].wijk.code}.ics"
    auth.logout()
    response = client.get(noord)
    assert response.status_code == 200
    cal = Calendar.from_ical(response.data)
    assert str(cal["X-WR-CALNAME"]) == "Wijkoverleg Noord"
    assert [str(e["UID"]) for e in _events(response.data)] == [
        f"bijeenkomst-{wereld['noord_meeting'].id}@wijkportaal"
    ]


def test_wijk_feed_of_a_wijk_the_user_may_not_see_is_404(client, auth, wereld):
    links = _login_and_links(client, auth, wereld["osdorp"].voorzitter)
    assert [w["code"] for w in links["wijken"]] == [wereld["osdorp"].wijk.code]
    other = links["persoonlijk"].removesuffix(".ics") + f"/{wereld['noord'].wijk.code}.ics"
    auth.logout()
    assert client.get(other).status_code == 404
    unknown = links["persoonlijk"].removesuffix(".ics") + "/bestaat-niet.ics"
    assert client.get(unknown).status_code == 404


def test_wrong_renewed_or_revoked_token_is_404(client, auth, wereld, db):
    user = wereld["osdorp"].voorzitter
    links = _login_and_links(client, auth, user)
    oud = links["persoonlijk"]
    wijk_oud = links["wijken"][0]["url"]
    assert client.get(oud.replace("wk_", "wk_0")).status_code == 404
    assert client.get("/kalender/geheim.ics").status_code == 404

    # The same URL on every look; renewing makes a new one and the old ones stop.
    assert _login_and_links(client, auth, user)["persoonlijk"] == oud
    page = client.get("/instellingen/kalender").get_data(as_text=True)
    assert oud in page and wijk_oud in page
    assert client.post("/instellingen/kalender/vernieuwen").status_code == 302
    nieuw = client.get("/api/v1/kalender").json["persoonlijk"]
    assert nieuw != oud
    assert client.get(oud).status_code == 404 and client.get(wijk_oud).status_code == 404
    assert client.get(nieuw).status_code == 200

    # Revoked: no URL works, the API and the page say so, and nothing comes back by itself.
    assert client.post("/instellingen/kalender/intrekken").status_code == 302
    assert client.get(nieuw).status_code == 404
    assert client.get("/api/v1/kalender").json["persoonlijk"] is None
    assert "ingetrokken" in client.get("/instellingen/kalender").get_data(as_text=True)
    assert db.exec(select(KalenderToken).where(KalenderToken.ingetrokken_op.is_(None))).all() == []
    # The secret itself is not in the database.
    secret = nieuw.rsplit("/", 1)[1].removesuffix(".ics")
    assert all(secret not in (t.nonce, t.token_hash) for t in db.exec(select(KalenderToken)))


def test_an_inactive_users_feed_stops(client, auth, wereld, db):
    user = wereld["beide"]
    links = _login_and_links(client, auth, user)
    auth.logout()
    user.is_actief = False
    db.add(user)
    db.commit()
    assert client.get(links["persoonlijk"]).status_code == 404


def test_settings_page_needs_a_login_and_the_api_its_auth(client):
    assert client.get("/instellingen/kalender").status_code == 302
    assert client.get("/api/v1/kalender").status_code == 401


def test_api_is_documented(client):
    doc = client.get("/api/v1/openapi.json").json
    operation = doc["paths"]["/api/v1/kalender"]["get"]
    assert "401" in operation["responses"]
    assert operation["security"]
