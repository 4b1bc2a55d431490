"""Rules for user accounts shared by the beheer pages and `flask user create`."""

from sqlmodel import Session, select

from wijkportaal.auth.models import Gebruiker, Rol
from wijkportaal.auth.passwords import MIN_LENGTH
from wijkportaal.wijken.models import Organisatie


class GebruikerFout(ValueError):
    """A user account that would break a rule; the message is Dutch and shown to the user."""


def check_scope(
    session: Session,
    *,
    email: str,
    rol: Rol,
    password: str | None,
    bestuur_id: int | None,
    organisatie_id: int | None,
    user_id: int | None = None,
) -> None:
    """Raise GebruikerFout when the account's e-mail, password or scope does not fit its role."""
    existing = session.exec(select(Gebruiker).where(Gebruiker.email == email.strip().lower())).first()
    if existing is not None and existing.id != user_id:
        raise GebruikerFout("Er bestaat al een gebruiker met dit e-mailadres.")
    if password is not None and len(password) < MIN_LENGTH:
        raise GebruikerFout(f"Het wachtwoord moet minstens {MIN_LENGTH} tekens lang zijn.")
    org = session.get(Organisatie, organisatie_id) if organisatie_id else None
    if rol == Rol.BESTUURDER and not bestuur_id:
        raise GebruikerFout("Een bestuurder hoort bij een bestuur: kies het bestuur.")
    if rol == Rol.SCHOOLLEIDER and (org is None or not org.soort.is_school):
        raise GebruikerFout("Een schoolleider hoort bij een school: kies de school.")
    if rol == Rol.PARTNER and org is None:
        raise GebruikerFout("Een partner hoort bij een organisatie: kies de organisatie.")
