"""The sender: deliver what is due in the outbox, one message per transaction, so a crash or a second
sender never delivers a message twice and a failing mail server loses nothing.

Each message is first claimed (its next attempt moved `MAIL_CLAIM_SECONDEN` ahead, only if nobody
changed it meanwhile), then sent, then marked. A failure counts an attempt and schedules the next one
with exponential backoff (`MAIL_RETRY_MINUTEN` × 1, 2, 4, …); after `MAIL_MAX_POGINGEN` it is failed."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta

import sqlalchemy as sa
from flask import Flask
from sqlmodel import Session, select

from wijkportaal.core import clock
from wijkportaal.mail import queries
from wijkportaal.mail.afleveren import AfleverFout, afzender, bouw, verbinding
from wijkportaal.mail.models import Bericht, BerichtStatus
from wijkportaal.mail.rules import volgende_poging


@dataclass
class Telling:
    aantallen: Counter = field(default_factory=Counter)

    def regel(self) -> str:
        a = self.aantallen
        return (
            f"{a['verzonden']} verzonden, {a['opnieuw']} later opnieuw, {a['mislukt']} mislukt, "
            f"{a['vastgehouden']} vastgehouden"
        )


def verstuur_wachtende(app: Flask, limiet: int | None = None) -> Telling:
    """Deliver every message that is due now (at most `limiet`) and return the counts."""
    config = app.config
    engine = app.extensions["db_engine"]
    max_pogingen = int(config.get("MAIL_MAX_POGINGEN", 5))
    basis = int(config.get("MAIL_RETRY_MINUTEN", 1))
    claim = timedelta(seconds=int(config.get("MAIL_CLAIM_SECONDEN", 300)))
    van = afzender(config)
    backend = verbinding(config, app.instance_path)
    telling = Telling()
    gedaan = 0
    try:
        while limiet is None or gedaan < limiet:
            with Session(engine, expire_on_commit=False) as session:
                nu = clock.now()
                volgende = session.exec(
                    select(Bericht.id, Bericht.volgende_poging_op)
                    .where(Bericht.status == BerichtStatus.WACHTEND, Bericht.volgende_poging_op <= nu)
                    .order_by(Bericht.volgende_poging_op, Bericht.id)
                    .limit(1)
                ).first()
                if volgende is None:
                    break
                bericht_id, gepland = volgende
                geclaimd = session.execute(
                    sa.update(Bericht)
                    .where(
                        Bericht.id == bericht_id,
                        Bericht.status == BerichtStatus.WACHTEND,
                        Bericht.volgende_poging_op == gepland,
                    )
                    .values(volgende_poging_op=nu + claim)
                ).rowcount
                session.commit()
                if geclaimd != 1:
                    continue  # another sender took it
                gedaan += 1
                bericht = session.get(Bericht, bericht_id)
                if queries.is_bounced(session, bericht.adres):
                    bericht.status = BerichtStatus.VASTGEHOUDEN
                    bericht.laatste_fout = "Vastgehouden: het adres staat als onbestelbaar gemarkeerd."
                    telling.aantallen["vastgehouden"] += 1
                else:
                    msg = bouw(bericht, queries.bijlagen(session, bericht.id), van)
                    try:
                        backend.verstuur(msg, f"{nu:%Y%m%d-%H%M%S}-{bericht.id}.eml")
                    except AfleverFout as fout:
                        bericht.pogingen += 1
                        bericht.laatste_fout = str(fout)[:500]
                        if bericht.pogingen >= max_pogingen:
                            bericht.status = BerichtStatus.MISLUKT
                            telling.aantallen["mislukt"] += 1
                        else:
                            bericht.volgende_poging_op = volgende_poging(nu, bericht.pogingen, basis)
                            telling.aantallen["opnieuw"] += 1
                        app.logger.warning("mail %s naar %s: %s", bericht.id, bericht.adres, fout)
                    else:
                        bericht.pogingen += 1
                        bericht.status = BerichtStatus.VERZONDEN
                        bericht.verzonden_op = clock.now()
                        bericht.laatste_fout = None
                        telling.aantallen["verzonden"] += 1
                session.add(bericht)
                session.commit()
    finally:
        backend.sluit()
    return telling
