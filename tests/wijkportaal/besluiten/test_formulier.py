"""The boards' decision form: no choice made beforehand, a rejection needs a reason at its field, and an
approval says what it does under the pot's rule (computed by the decision rules)."""

import re
from datetime import timedelta
from html import unescape

import pytest
from sqlmodel import func, select

from wijkportaal.besluiten.models import BesluitKeuze, VoorstelBesluit
from wijkportaal.core.clock import now
from wijkportaal.pot import services
from wijkportaal.pot.models import BronSoort


@pytest.fixture
def toekenning(db, potten, inleg):
    """An open allocation of € 24.000 to Startklas in pot A (rule: all boards), proposed by SWV staff."""
    p = potten
    inleg(p.swv, BronSoort.SWV, None, 5_000_000, "inleg")
    aanpak = services.maak_aanpak(
        db, p.swv, p.a, naam="Startklas", doel="", doelgroep="", niveau="wijk", school_ids=[], budgetten={}
    )
    t = services.stel_toekenning_voor(
        db,
        p.swv,
        p.a,
        aanpak,
        bedrag_cents=2_400_000,
        toelichting="",
        vervalt_op=now() + timedelta(days=14),
        sleutel="t",
    )
    db.commit()
    return t


def _tekst(response) -> str:
    html = response.get_data(as_text=True).replace("\xa0", " ")
    return unescape(" ".join(re.sub(r"<[^>]+>", " ", html).split()))


def _besluiten(db) -> int:
    db.expire_all()
    return db.exec(select(func.count()).select_from(VoorstelBesluit)).one()


def test_nothing_is_chosen_beforehand(client, auth, potten, toekenning):
    auth.login(potten.best_een)
    html = client.get(f"/toekenningen/{toekenning.id}").get_data(as_text=True)
    radios = re.findall(r'<input[^>]*name="besluit"[^>]*>', html)
    assert len(radios) == 2 and not any("checked" in r for r in radios)


def test_the_form_says_what_an_approval_does(client, auth, db, potten, toekenning):
    auth.login(potten.best_een)
    tekst = _tekst(client.get(f"/toekenningen/{toekenning.id}"))
    assert (
        "Na uw akkoord is nog 1 akkoord nodig voor de regel 'alle besturen'; daarna wordt € 24.000,00 "
        "toegekend aan Startklas." in tekst
    )
    services.neem_besluit(
        db,
        potten.best_twee,
        toekenning,
        bestuur_id=potten.twee.id,
        besluit=BesluitKeuze.AKKOORD,
        toelichting="",
    )
    db.commit()
    tekst = _tekst(client.get(f"/toekenningen/{toekenning.id}"))
    assert (
        "Na uw akkoord is de regel 'alle besturen' vervuld en wordt € 24.000,00 toegekend aan Startklas."
        in tekst
    )


@pytest.mark.parametrize(
    ("data", "veld", "melding"),
    [
        ({"besluit": "afgewezen", "toelichting": "  "}, "toelichting", "Geef een reden als u afwijst."),
        ({"toelichting": ""}, "besluit", "Kies akkoord of afwijzen."),
    ],
)
def test_a_rejection_without_reason_or_no_choice_is_refused_at_its_field(
    client, auth, db, potten, toekenning, data, veld, melding
):
    auth.login(potten.best_een)
    response = client.post(f"/toekenningen/{toekenning.id}", data=data)
    assert response.status_code == 422
    assert f'<p class="error" id="{veld}-error">{melding}</p>' in response.get_data(as_text=True)
    assert _besluiten(db) == 0


def test_a_rejection_with_reason_is_recorded(client, auth, db, potten, toekenning):
    auth.login(potten.best_een)
    response = client.post(
        f"/toekenningen/{toekenning.id}",
        data={"besluit": "afgewezen", "toelichting": "Past niet in ons plan"},
    )
    assert response.status_code == 302
    assert _besluiten(db) == 1
