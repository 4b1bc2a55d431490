"""What changes the outbox: queue a message (in the caller's transaction), bounces, resending, the
users' notification settings and the digests. Every function only flushes; the caller commits."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app, render_template
from sqlmodel import Session, select

from wijkportaal.core.clock import now
from wijkportaal.core.errors import Weigering
from wijkportaal.mail import queries
from wijkportaal.mail.models import (
    Bericht,
    BerichtStatus,
    Bijlage,
    Bounce,
    Frequentie,
    Voorkeur,
    WachtwoordHerstel,
)
from wijkportaal.mail.rules import SOORTEN, herstel_digest, keuzes, overzicht_periode, soort, veilige_kop


def basis_url() -> str:
    """The portal's address for links in mail: `BASE_URL`, else `SERVER_NAME` with the preferred scheme."""
    config = current_app.config
    if config.get("BASE_URL"):
        return str(config["BASE_URL"]).rstrip("/")
    if config.get("SERVER_NAME"):
        return f"{config.get('PREFERRED_URL_SCHEME', 'http')}://{config['SERVER_NAME']}"
    return "http://localhost:5000"


def url(endpoint: str, **values) -> str:
    """An absolute URL for a link in a message, also outside a request (in the jobs process)."""
    pad = current_app.url_map.bind("localhost", script_name="/").build(endpoint, values)
    return basis_url() + pad


def plaats(
    session: Session,
    *,
    ontvanger,
    soort_naam: str,
    onderwerp: str,
    link: str,
    context: dict | None = None,
    bijlagen: tuple[tuple[str, str, bytes], ...] | list = (),
    dedup_sleutel: str | None = None,
) -> Bericht | None:
    """Queue a message for `ontvanger` (a Gebruiker), rendered from templates/mail/<soort>.txt and .html.

    `link` is the absolute URL of the page in question (see `url`); `bijlagen` are (name, mime type,
    bytes). It follows the user's settings: nothing when they switched the type off (or their account is
    deactivated), held for their digest when they chose one. With a `dedup_sleutel` a second call returns the first message."""
    s = soort(soort_naam)
    if not getattr(ontvanger, "is_actief", True):
        return None  # a deactivated account gets no mail
    if dedup_sleutel is not None:
        bestaand = session.exec(select(Bericht).where(Bericht.dedup_sleutel == dedup_sleutel)).first()
        if bestaand is not None:
            return bestaand
    frequentie = queries.frequentie(session, ontvanger.id, s.naam)
    if frequentie is Frequentie.UIT:
        return None
    bericht = _bericht(s, ontvanger, onderwerp, link, context, frequentie, dedup_sleutel)
    # A second process queueing the same key at the same moment fails on the unique key and rolls back
    # its whole transaction; its next run finds this message.
    session.add(bericht)
    session.flush()
    for naam, mime_type, inhoud in bijlagen:
        session.add(Bijlage(bericht_id=bericht.id, naam=naam[:200], mime_type=mime_type, inhoud=inhoud))
    session.flush()
    return bericht


def _bericht(
    s, ontvanger, onderwerp: str, link: str, context: dict | None, frequentie, dedup_sleutel
) -> Bericht:
    """The message rendered for its recipient, queued or held for their digest."""
    onderwerp = veilige_kop(onderwerp)
    velden = {
        **(context or {}),
        "ontvanger": ontvanger,
        "onderwerp": onderwerp,
        "link": link,
        "instellingen_url": url("mail.instellingen"),
        "portaal_url": basis_url() + "/",
    }
    return Bericht(
        gebruiker_id=ontvanger.id,
        adres=ontvanger.email.strip(),
        naam=veilige_kop(ontvanger.naam, 120),
        soort=s.naam,
        onderwerp=onderwerp,
        tekst=render_template(f"mail/{s.naam}.txt", **velden),
        html=render_template(f"mail/{s.naam}.html", **velden),
        link=link[:500],
        status=BerichtStatus.WACHTEND if frequentie is Frequentie.DIRECT else BerichtStatus.OVERZICHT,
        dedup_sleutel=dedup_sleutel,
    )


@dataclass(frozen=True)
class Plaatsing:
    """One message for `plaats_veel`: what `plaats` takes, without attachments."""

    ontvanger: object
    onderwerp: str
    link: str
    context: dict | None = None
    dedup_sleutel: str | None = None


def plaats_veel(session: Session, soort_naam: str, plaatsingen: list[Plaatsing]) -> int:
    """`plaats` for many messages of one type in a fixed number of queries (a job writing to many
    recipients at once); the same rules: settings, deactivated accounts, dedup keys. Returns how many
    were queued (or held for a digest)."""
    s = soort(soort_naam)
    sleutels = [p.dedup_sleutel for p in plaatsingen if p.dedup_sleutel is not None]
    bestaand = set(
        session.exec(select(Bericht.dedup_sleutel).where(Bericht.dedup_sleutel.in_(sleutels)))
        if sleutels
        else ()
    )
    frequenties = queries.frequenties(session, sorted({p.ontvanger.id for p in plaatsingen}), s.naam)
    rijen = [
        _bericht(s, p.ontvanger, p.onderwerp, p.link, p.context, frequenties[p.ontvanger.id], p.dedup_sleutel)
        for p in plaatsingen
        if getattr(p.ontvanger, "is_actief", True)
        and p.dedup_sleutel not in bestaand
        and frequenties[p.ontvanger.id] is not Frequentie.UIT
    ]
    session.add_all(rijen)
    session.flush()
    return len(rijen)


def markeer_bounce(session: Session, adres: str, reden: str = "", door=None) -> Bounce:
    """Mark an address as bounced: mail to it is held from now on. Marking it again changes nothing."""
    adres = adres.strip().lower()
    if "@" not in adres:
        raise Weigering("Vul een e-mailadres in.", veld="adres")
    bestaand = session.exec(select(Bounce).where(Bounce.adres == adres)).first()
    if bestaand is not None:
        return bestaand
    bounce = Bounce(adres=adres, reden=reden[:500], gemarkeerd_door_id=getattr(door, "id", None))
    session.add(bounce)
    session.flush()
    return bounce


def hef_bounce_op(session: Session, adres: str) -> bool:
    """The address works again (the user fixed their mailbox); held messages wait for a resend."""
    bounce = session.exec(select(Bounce).where(Bounce.adres == adres.strip().lower())).first()
    if bounce is None:
        return False
    session.delete(bounce)
    session.flush()
    return True


def opnieuw_versturen(session: Session, bericht: Bericht) -> bool:
    """Put a failed or held message back in the queue with a fresh count; any other status is left as
    it is, so pressing the button twice sends it once."""
    if bericht.status not in (BerichtStatus.MISLUKT, BerichtStatus.VASTGEHOUDEN):
        return False
    if queries.is_bounced(session, bericht.adres):
        raise Weigering(
            f"{bericht.adres} staat als onbestelbaar gemarkeerd. Hef die markering eerst op "
            "als het adres weer werkt."
        )
    bericht.status = BerichtStatus.WACHTEND
    bericht.pogingen = 0
    bericht.volgende_poging_op = now()
    session.add(bericht)
    session.flush()
    return True


def zet_voorkeuren(session: Session, gebruiker, gekozen: dict[str, str]) -> None:
    """Store the user's choice per type; 'uit' is refused for a type the user must act on."""
    for naam, waarde in gekozen.items():
        s = SOORTEN.get(naam)
        if s is None or not s.instelbaar:
            raise Weigering("Dit soort bericht kunt u niet instellen.", veld=naam)
        try:
            frequentie = Frequentie(waarde)
        except ValueError:
            raise Weigering("Kies een van de mogelijkheden.", veld=naam) from None
        if frequentie not in keuzes(s):
            raise Weigering("Dit bericht vraagt iets van u; u kunt het niet uitzetten.", veld=naam)
        voorkeur = session.exec(
            select(Voorkeur).where(Voorkeur.gebruiker_id == gebruiker.id, Voorkeur.soort == naam)
        ).first()
        if voorkeur is None:
            voorkeur = Voorkeur(gebruiker_id=gebruiker.id, soort=naam, frequentie=frequentie)
        voorkeur.frequentie = frequentie
        session.add(voorkeur)
    session.flush()


def maak_overzichten(session: Session, nu: datetime | None = None) -> int:
    """Combine the messages waiting for a user's daily or weekly digest into one message.

    A digest takes what was queued before today (daily) or this Monday (weekly) and goes out from
    `MAIL_OVERZICHT_UUR` (default 7) o'clock; its key (user, frequency, period) makes a re-run harmless."""
    from wijkportaal.auth.models import Gebruiker

    nu = nu or now()
    uur = int(current_app.config.get("MAIL_OVERZICHT_UUR", 7))
    wachtend = session.exec(
        select(Bericht)
        .where(Bericht.status == BerichtStatus.OVERZICHT)
        .order_by(Bericht.gebruiker_id, Bericht.aangemaakt_op, Bericht.id)
    ).all()
    per_bundel: dict[tuple[int, Frequentie], list[Bericht]] = defaultdict(list)
    for bericht in wachtend:
        frequentie = queries.frequentie(session, bericht.gebruiker_id, bericht.soort)
        if frequentie is not Frequentie.WEKELIJKS:
            frequentie = Frequentie.DAGELIJKS  # changed to direct (or off) since: in the next digest
        per_bundel[(bericht.gebruiker_id, frequentie)].append(bericht)
    gemaakt = 0
    for (gebruiker_id, frequentie), berichten in per_bundel.items():
        periode, begin = overzicht_periode(frequentie, nu)
        if nu < begin + timedelta(hours=uur):
            continue
        mee = [b for b in berichten if b.aangemaakt_op < begin]
        gebruiker = session.get(Gebruiker, gebruiker_id)
        if not mee or gebruiker is None:
            continue
        titel = "Dagelijks overzicht" if frequentie is Frequentie.DAGELIJKS else "Wekelijks overzicht"
        overzicht = plaats(
            session,
            ontvanger=gebruiker,
            soort_naam="overzicht",
            onderwerp=f"{titel}: {len(mee)} bericht{'en' if len(mee) != 1 else ''} van het Wijkportaal",
            link=basis_url() + "/",
            context={"titel": titel, "berichten": mee},
            dedup_sleutel=f"overzicht:{gebruiker_id}:{frequentie.value}:{periode}",
        )
        for bericht in mee:
            bericht.status = BerichtStatus.GEBUNDELD
            bericht.overzicht_id = overzicht.id
            session.add(bericht)
        gemaakt += 1
    session.flush()
    return gemaakt


HERSTEL_GELDIG = timedelta(hours=1)
HERSTEL_PER_UUR = 3  # links per user per hour; more requests are answered the same but send nothing


def vraag_herstel_aan(session: Session, email: str) -> None:
    """Queue a one-time link to set a new password, if `email` belongs to an active user.

    The caller answers the same whether or not it does, so the form tells nobody who has an account."""
    import secrets

    from wijkportaal.auth.models import Gebruiker

    gebruiker = session.exec(select(Gebruiker).where(Gebruiker.email == email.strip().lower())).first()
    if gebruiker is None or not gebruiker.is_actief:
        return
    nu = now()
    recent = session.exec(
        select(WachtwoordHerstel.id).where(
            WachtwoordHerstel.gebruiker_id == gebruiker.id,
            WachtwoordHerstel.aangemaakt_op > nu - timedelta(hours=1),
        )
    ).all()
    if len(recent) >= HERSTEL_PER_UUR:
        return
    token = secrets.token_urlsafe(32)
    herstel = WachtwoordHerstel(
        gebruiker_id=gebruiker.id,
        token_hash=herstel_digest(token),
        aangemaakt_op=nu,
        verloopt_op=nu + HERSTEL_GELDIG,
    )
    session.add(herstel)
    session.flush()
    plaats(
        session,
        ontvanger=gebruiker,
        soort_naam="wachtwoord_herstel",
        onderwerp="Een nieuw wachtwoord voor het Wijkportaal",
        link=url("mail.herstel", token=token),
        context={"verloopt_op": herstel.verloopt_op},
    )


def herstel_wachtwoord(session: Session, token: str, wachtwoord: str) -> None:
    """Set the new password through the link once; every other open link of the user stops working too."""
    from wijkportaal.auth import services as auth_services
    from wijkportaal.auth.models import Gebruiker

    herstel = queries.geldig_herstel(session, token)
    if herstel is None:
        raise Weigering("Deze link is verlopen of al gebruikt. Vraag hieronder een nieuwe aan.")
    auth_services.set_password(session, session.get(Gebruiker, herstel.gebruiker_id), wachtwoord, door=None)
    nu = now()
    for open_link in session.exec(
        select(WachtwoordHerstel).where(
            WachtwoordHerstel.gebruiker_id == herstel.gebruiker_id, WachtwoordHerstel.gebruikt_op.is_(None)
        )
    ):
        open_link.gebruikt_op = nu
        session.add(open_link)
    session.flush()
