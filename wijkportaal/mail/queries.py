"""Reads of the outbox, the bounces and the users' notification settings."""

from sqlmodel import Session, select

from wijkportaal.core.clock import now
from wijkportaal.mail.models import (
    Bericht,
    BerichtStatus,
    Bijlage,
    Bounce,
    Frequentie,
    Voorkeur,
    WachtwoordHerstel,
)
from wijkportaal.mail.rules import SOORTEN, herstel_digest


def voorkeuren(session: Session, gebruiker_id: int) -> dict[str, Frequentie]:
    """Every configurable type with the user's choice, or its default."""
    gekozen = dict(
        session.exec(
            select(Voorkeur.soort, Voorkeur.frequentie).where(Voorkeur.gebruiker_id == gebruiker_id)
        ).all()
    )
    return {naam: gekozen.get(naam, s.standaard) for naam, s in SOORTEN.items() if s.instelbaar}


def frequentie(session: Session, gebruiker_id: int | None, soort: str) -> Frequentie:
    s = SOORTEN[soort]
    if gebruiker_id is None or not s.instelbaar:
        return Frequentie.DIRECT
    gekozen = session.exec(
        select(Voorkeur.frequentie).where(Voorkeur.gebruiker_id == gebruiker_id, Voorkeur.soort == soort)
    ).first()
    if gekozen is Frequentie.UIT and s.moet_handelen:
        return Frequentie.DIRECT
    return gekozen or s.standaard


def frequenties(session: Session, gebruiker_ids: list[int], soort: str) -> dict[int, Frequentie]:
    """`frequentie` for many users at once (one query)."""
    s = SOORTEN[soort]
    if not s.instelbaar:
        return dict.fromkeys(gebruiker_ids, Frequentie.DIRECT)
    gekozen = dict(
        session.exec(
            select(Voorkeur.gebruiker_id, Voorkeur.frequentie).where(
                Voorkeur.gebruiker_id.in_(gebruiker_ids or [0]), Voorkeur.soort == soort
            )
        ).all()
    )
    return {
        g: Frequentie.DIRECT
        if gekozen.get(g) is Frequentie.UIT and s.moet_handelen
        else gekozen.get(g) or s.standaard
        for g in gebruiker_ids
    }


def is_bounced(session: Session, adres: str) -> bool:
    return session.exec(select(Bounce.id).where(Bounce.adres == adres.strip().lower())).first() is not None


def bounces(session: Session) -> list[Bounce]:
    return list(session.exec(select(Bounce).order_by(Bounce.adres)).all())


def aandacht(session: Session, limiet: int = 200) -> list[Bericht]:
    """The messages the beheerder should look at: failed ones, ones held for a bounced address, and queued
    ones whose last attempt failed (the sender tries them again by itself)."""
    return list(
        session.exec(
            select(Bericht)
            .where(
                Bericht.status.in_([BerichtStatus.MISLUKT, BerichtStatus.VASTGEHOUDEN])
                | ((Bericht.status == BerichtStatus.WACHTEND) & Bericht.laatste_fout.is_not(None))
            )
            .order_by(Bericht.aangemaakt_op.desc(), Bericht.id.desc())
            .limit(limiet)
        ).all()
    )


def tellingen(session: Session) -> dict[BerichtStatus, int]:
    from sqlmodel import func

    rijen = session.exec(select(Bericht.status, func.count()).group_by(Bericht.status)).all()
    return {status: aantal for status, aantal in rijen}


def bijlagen(session: Session, bericht_id: int) -> list[Bijlage]:
    return list(session.exec(select(Bijlage).where(Bijlage.bericht_id == bericht_id).order_by(Bijlage.id)))


def geldig_herstel(session: Session, token: str) -> WachtwoordHerstel | None:
    """The unused, unexpired password link of an active user that `token` opens, or None."""
    from wijkportaal.auth.models import Gebruiker

    herstel = session.exec(
        select(WachtwoordHerstel).where(WachtwoordHerstel.token_hash == herstel_digest(token))
    ).first()
    if herstel is None or herstel.gebruikt_op is not None or herstel.verloopt_op <= now():
        return None
    gebruiker = session.get(Gebruiker, herstel.gebruiker_id)
    return herstel if gebruiker is not None and gebruiker.is_actief else None
