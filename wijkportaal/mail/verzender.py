"""The sender: deliver what is due in the outbox so that a crash or a second sender never delivers a
message twice and a failing mail server loses nothing.

A run claims a batch of due messages in one transaction (their next attempt moved `MAIL_CLAIM_SECONDEN`
ahead, only where nobody changed it meanwhile; PostgreSQL skips rows another sender has locked), then
sends them one by one over one connection and records each result in its own transaction. A failure
counts an attempt and schedules the next one with exponential backoff (`MAIL_RETRY_MINUTEN` × 1, 2, 4,
…); after `MAIL_MAX_POGINGEN` the message is failed. A sender that dies between sending and recording
leaves only that message to be sent again after the claim expires."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

import sqlalchemy as sa
from flask import Flask
from sqlmodel import Session, select

from wijkportaal.core import clock
from wijkportaal.mail.afleveren import AfleverFout, afzender, bouw, verbinding
from wijkportaal.mail.models import Bericht, BerichtStatus, Bijlage, Bounce
from wijkportaal.mail.rules import volgende_poging

BATCH = 100


@dataclass
class Telling:
    aantallen: Counter = field(default_factory=Counter)

    def regel(self) -> str:
        a = self.aantallen
        return (
            f"{a['verzonden']} verzonden, {a['opnieuw']} later opnieuw, {a['mislukt']} mislukt, "
            f"{a['vastgehouden']} vastgehouden"
        )


def _claim(session: Session, nu, tot, limiet: int) -> list[int]:
    """Take up to `limiet` due messages for this sender; the ids it got."""
    kandidaten = (
        select(Bericht.id)
        .where(Bericht.status == BerichtStatus.WACHTEND, Bericht.volgende_poging_op <= nu)
        .order_by(Bericht.volgende_poging_op, Bericht.id)
        .limit(limiet)
        .with_for_update(skip_locked=True)
    )
    ids = list(session.exec(kandidaten).all())
    if not ids:
        return []
    genomen = session.execute(
        sa.update(Bericht)
        .where(
            Bericht.id.in_(ids),
            Bericht.status == BerichtStatus.WACHTEND,
            Bericht.volgende_poging_op <= nu,
        )
        .values(volgende_poging_op=tot)
        .returning(Bericht.id)
    )
    return sorted(genomen.scalars().all())


def _markeer(session: Session, bericht_id: int, **waarden) -> None:
    session.execute(sa.update(Bericht).where(Bericht.id == bericht_id).values(**waarden))
    session.commit()


def verstuur_wachtende(app: Flask, limiet: int | None = None) -> Telling:
    """Deliver every message that is due now (at most `limiet`) and return the counts."""
    config = app.config
    max_pogingen = int(config.get("MAIL_MAX_POGINGEN", 5))
    basis = int(config.get("MAIL_RETRY_MINUTEN", 1))
    claim = timedelta(seconds=int(config.get("MAIL_CLAIM_SECONDEN", 300)))
    van = afzender(config)
    backend = verbinding(config, app.instance_path)
    telling = Telling()
    gedaan = 0
    try:
        with Session(app.extensions["db_engine"], expire_on_commit=False) as session:
            while limiet is None or gedaan < limiet:
                nu = clock.now()
                ids = _claim(
                    session, nu, nu + claim, BATCH if limiet is None else min(BATCH, limiet - gedaan)
                )
                session.commit()
                if not ids:
                    break
                gedaan += len(ids)
                berichten = session.exec(
                    select(Bericht).where(Bericht.id.in_(ids)).order_by(Bericht.id)
                ).all()
                bijlagen = defaultdict(list)
                for bijlage in session.exec(
                    select(Bijlage).where(Bijlage.bericht_id.in_(ids)).order_by(Bijlage.id)
                ):
                    bijlagen[bijlage.bericht_id].append(bijlage)
                adressen = {b.adres.strip().lower() for b in berichten}
                bounced = set(session.exec(select(Bounce.adres).where(Bounce.adres.in_(adressen))).all())
                session.commit()
                for bericht in berichten:
                    _verstuur_een(
                        session,
                        app,
                        backend,
                        bericht,
                        bijlagen[bericht.id],
                        bounced,
                        van,
                        telling,
                        max_pogingen,
                        basis,
                    )
    finally:
        backend.sluit()
    return telling


def _verstuur_een(
    session, app, backend, bericht, bijlagen, bounced, van, telling, max_pogingen, basis
) -> None:
    nu = clock.now()
    if bericht.adres.strip().lower() in bounced:
        telling.aantallen["vastgehouden"] += 1
        _markeer(
            session,
            bericht.id,
            status=BerichtStatus.VASTGEHOUDEN,
            laatste_fout="Vastgehouden: het adres staat als onbestelbaar gemarkeerd.",
        )
        return
    try:
        backend.verstuur(bouw(bericht, bijlagen, van), f"{nu:%Y%m%d-%H%M%S}-{bericht.id}.eml")
    except AfleverFout as fout:
        pogingen = bericht.pogingen + 1
        app.logger.warning("mail %s naar %s: %s", bericht.id, bericht.adres, fout)
        opgeven = pogingen >= max_pogingen
        telling.aantallen["mislukt" if opgeven else "opnieuw"] += 1
        volgende = (
            {"status": BerichtStatus.MISLUKT}
            if opgeven
            else {"volgende_poging_op": volgende_poging(nu, pogingen, basis)}
        )
        _markeer(session, bericht.id, pogingen=pogingen, laatste_fout=str(fout)[:500], **volgende)
        return
    telling.aantallen["verzonden"] += 1
    _markeer(
        session,
        bericht.id,
        pogingen=bericht.pogingen + 1,
        status=BerichtStatus.VERZONDEN,
        verzonden_op=clock.now(),
        laatste_fout=None,
    )
