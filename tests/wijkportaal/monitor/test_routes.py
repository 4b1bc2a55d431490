"""The monitor pages: who may see and change what, bad input refused with 422, the chart and the table."""

import re

import pytest
from sqlmodel import select

from wijkportaal.core.audit import AuditRegel
from wijkportaal.monitor.models import Kostennorm, Reductiedoel, Verwijzingstelling


def tellingen(db):
    db.expire_all()
    return {(t.wijk_id, t.schooljaar): (t.sbo, t.so) for t in db.exec(select(Verwijzingstelling))}


def test_menu_link_only_for_those_who_may_see_the_monitor(client, auth, world):
    for who, zichtbaar in (("swv", True), ("best1", True), ("leider", True), ("partner", False)):
        auth.login(getattr(world, who))
        page = client.get("/wijken").get_data(as_text=True)
        assert ('href="/monitor"' in page) == zichtbaar, who
        auth.logout()


def test_swv_enters_counts_and_the_wijk_page_shows_chart_and_table(client, auth, world, db, invoeren):
    assert invoeren(world.swv, world.osdorp, 2023, "20", "10").status_code == 302
    assert invoeren(world.swv, world.osdorp, 2024, "18", "9").status_code == 302
    assert invoeren(world.swv, world.osdorp, 2025, " 12 ", "8").status_code == 302
    assert tellingen(db) == {
        (world.osdorp.id, 2023): (20, 10),
        (world.osdorp.id, 2024): (18, 9),
        (world.osdorp.id, 2025): (12, 8),
    }
    # A correction replaces the numbers and is audited.
    assert invoeren(world.swv, world.osdorp, 2025, "13", "8").status_code == 302
    assert tellingen(db)[world.osdorp.id, 2025] == (13, 8)
    assert db.exec(select(AuditRegel).where(AuditRegel.actie == "gewijzigd")).one().wijzigingen["sbo"] == [
        12,
        13,
    ]

    auth.login(world.best1)  # read-only
    response = client.get("/monitor/osdorp")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<svg" in page and '<title id="grafiek-titel">' in page and '<desc id="grafiek-uitleg">' in page
    assert "2024-2025: 18 SBO en 9 SO, samen 27; doel hoogstens 27." in page
    assert "<polyline" in page and "<rect" in page
    assert "op koers" in page and "3 boven doel" in page  # 2025: 21 against 30 × .9 × .7 = 18.9 → 18
    assert "49.000,00" in page  # 2024: 2 SBO × € 12.000 + 1 SO × € 25.000
    assert "Aantallen invoeren" not in page and "Vrijval voorstellen" not in page
    # Strict CSP: no inline styles or scripts.
    assert (
        not re.search(r"\sstyle=", page)
        and "<style" not in page
        and not re.search(r"<script(?![^>]*\ssrc=)", page)
    )
    assert "style-src 'self'" in response.headers["Content-Security-Policy"]

    overview = client.get("/monitor").get_data(as_text=True)
    assert "Osdorp" in overview and "27 / 27" in overview
    assert "Bos en Lommer" not in overview  # not a wijk of this board


@pytest.mark.parametrize(
    ("veld", "waarde", "message"),
    [
        ("sbo", "-3", "kan niet negatief zijn"),
        ("so", "2.5", "heel getal"),
        ("so", "2,5", "heel getal"),
        ("sbo", "twaalf", "heel getal"),
        ("sbo", "", "Vul een aantal in"),
        ("sbo", "1" * 100_000, "te groot"),
        ("so", "x" * 100_000, "heel getal"),
        ("sbo", "10000", "te groot"),
        ("schooljaar", "2019", "Ongeldige keuze"),
        ("schooljaar", "2099", "Ongeldige keuze"),
        ("schooljaar", "x" * 100_000, "Ongeldige keuze"),
        ("wijk_id", "999999", "Ongeldige keuze"),
        ("wijk_id", "osdorp", "Kies een wijk"),
    ],
)
def test_bad_counts_are_refused_with_422_and_nothing_is_stored(
    client, auth, world, db, veld, waarde, message
):
    data = {"wijk_id": world.osdorp.id, "schooljaar": "2024", "sbo": "5", "so": "3", veld: waarde}
    auth.login(world.swv)
    response = client.post("/monitor/aantallen", data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert message in page and "Niet opgeslagen" in page
    assert tellingen(db) == {}
    assert db.exec(select(AuditRegel)).all() == []


def test_the_form_is_prefilled_for_a_correction(client, auth, world, invoeren):
    invoeren(world.swv, world.osdorp, 2023, "20", "10")
    auth.login(world.swv)
    page = client.get("/monitor/aantallen?wijk=osdorp&jaar=2023").get_data(as_text=True)
    assert 'value="20"' in page and 'value="10"' in page


def test_swv_sets_targets_and_costs(client, auth, world, db, invoeren):
    invoeren(world.swv, world.osdorp, 2023, "100", "0")
    auth.login(world.swv)
    page = client.get("/monitor").get_data(as_text=True)
    assert "demowaarde, nog in te vullen" in page and "12.000,00" in page and "25.000,00" in page
    assert (
        client.post("/monitor/instellingen/doel", data={"schooljaar": 2024, "procent": 20}).status_code == 302
    )
    assert (
        client.post("/monitor/instellingen/kosten", data={"sbo": "13.500,00", "so": "27000"}).status_code
        == 302
    )
    db.expire_all()
    assert db.get(Reductiedoel, 2024).procent == 20
    assert {k.soort: k.bedrag_cents for k in db.exec(select(Kostennorm))} == {
        "sbo": 1_350_000,
        "so": 2_700_000,
    }
    page = client.get("/monitor/osdorp").get_data(as_text=True)
    assert "−20 %" in page and "doel hoogstens 80" in page  # 100 × 0.8; then 80 × 0.7 = 56
    assert "doel hoogstens 56" in page
    assert "demowaarde" not in client.get("/monitor").get_data(as_text=True)
    auth.logout()
    auth.login(world.best1)
    assert (
        client.post("/monitor/instellingen/doel", data={"schooljaar": 2024, "procent": 0}).status_code == 403
    )
    assert client.post("/monitor/instellingen/kosten", data={"sbo": "1", "so": "1"}).status_code == 403


@pytest.mark.parametrize(
    ("url", "data", "message"),
    [
        ("/monitor/instellingen/doel", {"schooljaar": 2024, "procent": 150}, "van 0 tot en met 100"),
        ("/monitor/instellingen/doel", {"schooljaar": 2024, "procent": -1}, "van 0 tot en met 100"),
        ("/monitor/instellingen/doel", {"schooljaar": 2024, "procent": "1" * 100_000}, "Niet opgeslagen"),
        ("/monitor/instellingen/doel", {"schooljaar": 2023, "procent": 10}, "Ongeldige keuze"),
        ("/monitor/instellingen/kosten", {"sbo": "-5", "so": "25.000"}, "positief"),
        ("/monitor/instellingen/kosten", {"sbo": "12.000", "so": "0"}, "groter zijn dan nul"),
        ("/monitor/instellingen/kosten", {"sbo": "12.000,001", "so": "1"}, "twee cijfers achter de komma"),
        ("/monitor/instellingen/kosten", {"sbo": "x" * 100_000, "so": "1"}, "geen geldig bedrag"),
    ],
)
def test_bad_settings_are_refused(client, auth, world, db, url, data, message):
    auth.login(world.swv)
    response = client.post(url, data=data)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    db.expire_all()
    assert db.exec(select(Reductiedoel)).all() == [] and db.exec(select(Kostennorm)).all() == []
