"""The demo begroting: §7.5's lines of "Samenwerking in de wijk en regio" for 2025-2029, in the ledger."""

from wijkportaal.begroting import queries
from wijkportaal.demo import DEMO_PASSWORD

# §7.5, LASTEN, "Samenwerking in de wijk en regio", in whole euros.
REGELS = {
    "Bouwen aan expertisenetwerken SO": [150_000, 0, 0, 0, 0],
    "Nieuwe initiatieven": [0, 200_000, 200_000, 200_000, 200_000],
    "Netwerk van wijken": [0, 8_000, 8_000, 8_000, 8_000],
    "Cockpits gebiedsgericht samenwerken": [0, 58_000, 58_000, 58_000, 58_000],
}
SUBTOTAAL = [150_000, 266_000, 266_000, 266_000, 266_000]


def test_the_demo_begroting_holds_samenwerking_in_de_wijk_en_regio(demo, db):
    for i, jaar in enumerate(range(2025, 2030)):
        [groep] = queries.overzicht(db, jaar).groepen
        assert groep.naam == "Samenwerking in de wijk en regio"
        assert {r.naam: r.bedragen.begroot for r in groep.regels} == {
            naam: euros[i] * 100 for naam, euros in REGELS.items()
        }
        assert groep.bedragen.begroot == SUBTOTAAL[i] * 100


def test_the_demo_swv_login_sees_it(demo, client):
    client.post("/inloggen", data={"email": "swv@demo.wijkportaal.nl", "wachtwoord": DEMO_PASSWORD})
    html = client.get("/begroting?jaar=2026").get_data(as_text=True).replace("\u00a0", " ")
    assert (
        'Subtotaal Samenwerking in de wijk en regio</th><td class="num"><strong>€ 266.000,00</strong>' in html
    )


def test_the_ledger_check_passes_on_the_demo(demo, runner):
    result = runner.invoke(args=["ledger", "check"])
    assert result.exit_code == 0, result.output
