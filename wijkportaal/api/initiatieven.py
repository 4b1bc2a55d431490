"""Nieuwe initiatieven: the applications the caller may read, with money per year in cents and the
results of the formal checks; the assessors' scores only for SWV staff and the director."""

from datetime import date
from typing import Any

from flask_login import current_user
from pydantic import BaseModel, ConfigDict, Field
from sqlmodel import Session

from wijkportaal.api.openapi import api_route, fout
from wijkportaal.api.routes import bp
from wijkportaal.api.schemas import Tijdstip
from wijkportaal.beoordeling import queries as beoordeling_queries
from wijkportaal.core.db import get_session
from wijkportaal.core.ids import Id
from wijkportaal.initiatieven import permissions, queries
from wijkportaal.initiatieven.models import Aanvraag, Status


class Bedragen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    jaar: int
    gevraagd: int = Field(description="Kosten min cofinanciering, in centen.")
    toegekend: int = Field(description="Toegekend bedrag, in centen (0 zolang er niets is toegekend).")


class FormeleControles(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    geslaagd: bool = Field(description="Of de aanvraag aan alle formele criteria voldoet.")
    meldingen: list[str] = Field(
        description="Wat nog ontbreekt, in het Nederlands; leeg als alles in orde is."
    )


class Initiatief(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Id
    versie: int
    vorige_versie_id: Id | None
    titel: str
    status: Status = Field(
        description="concept, ingediend, in_beoordeling, beoordeeld, aangehouden, toegekend, afgewezen of afgerond."
    )
    ronde: str
    wijken: list[str] = Field(description="Codes van de wijken.")
    besturen: list[str] = Field(description="Namen van de besturen die hun deelname hebben bevestigd.")
    ambities: list[int] = Field(description="De ambities (1-4) van het ondersteuningsplan.")
    startdatum: date | None
    einddatum: date | None
    ingediend_op: Tijdstip | None
    bedragen: list[Bedragen]
    formele_controles: FormeleControles
    scores: dict[str, Any] | None = Field(
        default=None,
        description="De gecombineerde scores van de beoordelaars die hun beoordeling hebben ingediend: "
        "per criterium het gemiddelde (0-3), de scores en de vlaggen verschil (2 punten of meer uiteen) en "
        "onder_minimum (onder het knock-outminimum van de ronde); het gewogen totaal, het maximum, de "
        "adviezen en hoeveel beoordelaars klaar zijn. Null zolang niemand heeft ingediend. Alleen voor "
        "SWV-medewerkers en de directeur-bestuurder.",
    )


def _initiatieven(db: Session, rijen: list[queries.OverzichtRij], met_scores: bool) -> list[Initiatief]:
    """The applications as the API shows them; the checks, wijken and combined scores are read for all
    rows at once."""
    aanvragen = [r.aanvraag for r in rijen]
    controles = queries.formele_controles_van(db, aanvragen)
    codes = queries.wijkcodes(db, [a.id for a in aanvragen])
    scores = beoordeling_queries.scores_json(db, [a.id for a in aanvragen]) if met_scores else {}
    return [
        _initiatief(r, controles[r.aanvraag.id], codes[r.aanvraag.id], scores.get(r.aanvraag.id))
        for r in rijen
    ]


def _initiatief(
    rij: queries.OverzichtRij, meldingen: list[str], wijkcodes: list[str], scores: dict | None
) -> Initiatief:
    a = rij.aanvraag
    jaren = sorted(set(rij.gevraagd) | set(rij.toegekend))
    return Initiatief(
        id=a.id,
        versie=a.versie,
        vorige_versie_id=a.vorige_versie_id,
        titel=a.titel,
        status=a.status,
        ronde=rij.ronde,
        wijken=wijkcodes,
        besturen=rij.besturen,
        ambities=[int(x.value) for x in rij.ambities],
        startdatum=a.startdatum,
        einddatum=a.einddatum,
        ingediend_op=a.ingediend_op,
        bedragen=[
            Bedragen(jaar=j, gevraagd=rij.gevraagd.get(j, 0), toegekend=rij.toegekend.get(j, 0))
            for j in jaren
        ],
        formele_controles=FormeleControles(geslaagd=not meldingen, meldingen=meldingen),
        scores=scores,
    )


@api_route(
    bp, "/initiatieven", summary="De aanvragen nieuwe initiatieven die u mag zien", response=list[Initiatief]
)
def initiatieven():
    """SWV staff see every application (latest versions); applicants their own."""
    db = get_session()
    rijen = queries.overzicht(db)
    if not permissions.can_see_all(current_user):
        rijen = [r for r in rijen if permissions.can_read_aanvraag(current_user, r.aanvraag)]
    met_scores = permissions.can_see_scores(current_user)
    return _initiatieven(db, rijen, met_scores)


@api_route(
    bp,
    "/initiatieven/<id:id>",
    summary="Eén aanvraag (ook een eerdere versie)",
    response=Initiatief,
    errors=(403, 404),
)
def initiatief(id: int):
    db = get_session()
    aanvraag = db.get(Aanvraag, id)
    if aanvraag is None:
        fout(404, "Deze aanvraag bestaat niet.")
    if not permissions.can_read_aanvraag(current_user, aanvraag):
        fout(403, "U mag deze aanvraag niet zien.")
    return _initiatieven(db, [queries.overzichtsrij(db, aanvraag)], permissions.can_see_scores(current_user))[
        0
    ]
