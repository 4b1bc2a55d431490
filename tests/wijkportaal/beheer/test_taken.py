"""The jobs page: SWV staff see each job's schedule, last result and next run, and set its time."""

from datetime import datetime

import pytest
from sqlmodel import select

from wijkportaal.core import jobs
from wijkportaal.core.audit import AuditRegel
from wijkportaal.core.jobs import Taak
from wijkportaal.core.roles import Rol


@pytest.fixture
def swv(auth, make_user):
    user = make_user(Rol.SWV)
    auth.login(user)
    return user


def test_page_shows_schedule_last_result_and_next_run(app, client, swv, monkeypatch):
    monkeypatch.setattr(jobs.clock, "now", lambda: datetime(2026, 11, 23, 6, 15))
    jobs.register(app, jobs.Job("kapot", "Faalt altijd.", run=lambda s: 1 / 0, tijd="07:00"))
    app.test_cli_runner().invoke(args=["jobs", "run-once", "--all"])
    text = client.get("/beheer/taken").get_data(as_text=True)
    assert "Geeft het gereserveerde geld vrij" in text
    assert "elke 5 minuten" in text and "dagelijks om 07:00" in text
    assert "23-11-2026 06:15" in text
    assert "Mislukt</span> Mislukt: ZeroDivisionError: division by zero" in text
    assert "Gelukt</span> 0 verlopen toekenningen vrijgegeven" in text


def test_set_a_time_of_day_then_an_interval(client, swv, db):
    response = client.post(
        "/beheer/taken/verlopen", data={"verlopen-soort": "dagelijks", "verlopen-tijdstip": "7:30"}
    )
    assert response.status_code == 302
    assert "dagelijks om 07:30" in client.get("/beheer/taken").get_data(as_text=True)
    taak = db.get(Taak, "verlopen")
    assert (taak.tijdstip, taak.interval_minuten) == ("07:30", None)

    response = client.post(
        "/beheer/taken/verlopen", data={"verlopen-soort": "interval", "verlopen-minuten": "15"}
    )
    assert response.status_code == 302
    db.expire_all()
    taak = db.get(Taak, "verlopen")
    assert (taak.tijdstip, taak.interval_minuten) == (None, 15)
    audit = db.exec(select(AuditRegel).where(AuditRegel.object_soort == "taken")).all()
    assert [a.wijzigingen["minuten"] for a in audit] == [None, 15]


@pytest.mark.parametrize(
    ("data", "melding"),
    [
        ({"verlopen-soort": "dagelijks", "verlopen-tijdstip": "25:00"}, "Vul een tijd in als uu:mm"),
        ({"verlopen-soort": "dagelijks", "verlopen-tijdstip": ""}, "Vul een tijd in als uu:mm"),
        ({"verlopen-soort": "interval", "verlopen-minuten": "0"}, "Vul een aantal minuten in"),
        ({"verlopen-soort": "interval", "verlopen-minuten": "99999"}, "hoogstens een week"),
        ({"verlopen-soort": "interval", "verlopen-minuten": "3,5"}, "Vul een heel getal in"),
        (
            {"verlopen-soort": "wekelijks"},
            "Kies: elke dag op een vaste tijd, of steeds na een aantal minuten.",
        ),
        ({}, "Kies: elke dag op een vaste tijd, of steeds na een aantal minuten."),
    ],
)
def test_bad_input_is_refused_at_the_field_and_nothing_changes(client, swv, db, data, melding):
    response = client.post("/beheer/taken/verlopen", data=data)
    assert response.status_code == 422
    assert melding in response.get_data(as_text=True)
    assert db.get(Taak, "verlopen") is None


def test_unknown_job_is_404(client, swv):
    assert (
        client.post("/beheer/taken/bestaat-niet", data={"bestaat-niet-soort": "interval"}).status_code == 404
    )
