"""The only code that changes users, login sessions and API tokens."""

import hashlib
import secrets
from datetime import timedelta

from sqlmodel import Session, select

from wijkportaal.auth import rules
from wijkportaal.auth.models import ApiToken, Gebruiker, Login, Sessie
from wijkportaal.auth.passwords import hash_password, verify_password
from wijkportaal.core import audit
from wijkportaal.core.clock import now
from wijkportaal.core.errors import Weigering
from wijkportaal.core.roles import Rol

TOKEN_PREFIX = "wp_"
LAST_USED_RESOLUTION = timedelta(minutes=1)
# The portal itself, in whose name the jobs propose what a user would (the carry-over of a pot): an
# inactive account without a password, which no login, session or token can use.
SYSTEEM_EMAIL = "portaal@wijkportaal.invalid"
SYSTEEM_NAAM = "Wijkportaal (automatisch)"


def is_systeem(user) -> bool:
    return getattr(user, "email", None) == SYSTEEM_EMAIL


def systeemgebruiker(session: Session) -> Gebruiker:
    """The account "portaal" the jobs act as, made inactive the first time it is needed."""
    user = session.exec(select(Gebruiker).where(Gebruiker.email == SYSTEEM_EMAIL)).first()
    if user is None:
        user = Gebruiker(email=SYSTEEM_EMAIL, naam=SYSTEEM_NAAM, rol=Rol.SWV, is_actief=False)
        session.add(user)
        session.flush()
    return user


def authenticate(session: Session, email: str, password: str) -> Gebruiker | None:
    user = session.exec(select(Gebruiker).where(Gebruiker.email == email.strip().lower())).first()
    ok = verify_password(user.wachtwoord_hash if user else None, password)
    if user is None or not ok or not user.is_actief or is_systeem(user):
        return None
    return user


def start_sessie(session: Session, user: Gebruiker) -> Login:
    sessie = Sessie(id=secrets.token_urlsafe(32), gebruiker_id=user.id)
    session.add(sessie)
    session.flush()
    return Login(user, sessie.id)


def end_sessie(session: Session, sessie_id: str) -> None:
    sessie = session.get(Sessie, sessie_id)
    if sessie is not None and sessie.beeindigd_op is None:
        sessie.beeindigd_op = now()
        session.flush()


class SessieVerlopen(Exception):
    """The session ran out (idle or too old) and has been ended: the user logs in again."""


def load_by_sessie(
    session: Session, sessie_id: str, *, inactief: timedelta, maximaal: timedelta
) -> Login | None:
    """The user of a live session, its activity noted (at most one write a minute); raises SessieVerlopen
    for a session that ran out just now, and ends it."""
    sessie = session.get(Sessie, sessie_id)
    if sessie is None or sessie.beeindigd_op is not None:
        return None
    moment = now()
    if rules.sessie_verlopen(
        sessie.aangemaakt_op, sessie.laatst_actief_op, moment, inactief=inactief, maximaal=maximaal
    ):
        sessie.beeindigd_op = moment
        session.flush()
        raise SessieVerlopen
    user = session.get(Gebruiker, sessie.gebruiker_id)
    if user is None or not user.is_actief or is_systeem(user):
        return None
    if moment - sessie.laatst_actief_op >= LAST_USED_RESOLUTION:
        sessie.laatst_actief_op = moment
    return Login(user, sessie_id)


def create_user(
    session: Session,
    *,
    email: str,
    naam: str,
    rol: Rol,
    password: str | None = None,
    bestuur_id: int | None = None,
    organisatie_id: int | None = None,
    wijk_id: int | None = None,
    door: Gebruiker | None = None,
) -> Gebruiker:
    user = Gebruiker(
        email=email.strip().lower(),
        naam=naam.strip(),
        rol=rol,
        wachtwoord_hash=hash_password(password) if password else None,
        bestuur_id=bestuur_id,
        organisatie_id=organisatie_id,
        wijk_id=wijk_id,
    )
    session.add(user)
    session.flush()
    audit.record(
        session,
        door,
        user,
        "aangemaakt",
        {
            "email": user.email,
            "naam": user.naam,
            "rol": rol.value,
            "bestuur_id": bestuur_id,
            "organisatie_id": organisatie_id,
            "wijk_id": wijk_id,
        },
    )
    return user


def update_user(session: Session, user: Gebruiker, values: dict, door: Gebruiker) -> dict:
    if is_systeem(user):
        raise Weigering("Dit account is van het portaal zelf en kan niet worden gewijzigd.")
    changed = audit.changes(user, values)
    if changed:
        session.flush()
        audit.record(session, door, user, "gewijzigd", changed)
    if "is_actief" in changed and not user.is_actief:
        _end_all_sessions(session, user)
    return changed


def set_password(session: Session, user: Gebruiker, password: str, door: Gebruiker | None) -> None:
    """A new password also ends every login session of the user (OWASP session management)."""
    if is_systeem(user):
        raise Weigering("Dit account is van het portaal zelf en kan niet inloggen.")
    user.wachtwoord_hash = hash_password(password)
    _end_all_sessions(session, user)
    session.flush()
    audit.record(session, door, user, "wachtwoord gewijzigd")


def _end_all_sessions(session: Session, user: Gebruiker) -> None:
    for sessie in session.exec(
        select(Sessie).where(Sessie.gebruiker_id == user.id, Sessie.beeindigd_op.is_(None))
    ):
        sessie.beeindigd_op = now()


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(
    session: Session, user: Gebruiker, omschrijving: str = "", door: Gebruiker | None = None
) -> str:
    """Create a token and return it in plain text: shown once, stored only as a hash."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    record = ApiToken(
        gebruiker_id=user.id,
        token_hash=_digest(token),
        prefix=token[:10],
        omschrijving=omschrijving,
        aangemaakt_door_id=getattr(door, "id", None),
    )
    session.add(record)
    session.flush()
    audit.record(
        session, door, record, "token uitgegeven", {"gebruiker_id": user.id, "prefix": record.prefix}
    )
    return token


def revoke_token(session: Session, token: ApiToken, door: Gebruiker) -> None:
    if token.ingetrokken_op is None:
        token.ingetrokken_op = now()
        session.flush()
        audit.record(session, door, token, "token ingetrokken", {"gebruiker_id": token.gebruiker_id})


def load_by_token(session: Session, token: str) -> Login | None:
    record = session.exec(select(ApiToken).where(ApiToken.token_hash == _digest(token))).first()
    if record is None or record.ingetrokken_op is not None:
        return None
    user = session.get(Gebruiker, record.gebruiker_id)
    if user is None or not user.is_actief or is_systeem(user):
        return None
    moment = now()
    if record.laatst_gebruikt_op is None or moment - record.laatst_gebruikt_op > LAST_USED_RESOLUTION:
        record.laatst_gebruikt_op = moment  # at most one write a minute, so reads stay reads
    return Login(user)
