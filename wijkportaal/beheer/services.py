"""Rules for user accounts shared by the beheer pages and `flask user create`, and the beheer changes.

Every change goes through the auth services, which flush and write the audit log; the request commits."""

from sqlmodel import Session, select

from wijkportaal.auth import services as auth_services
from wijkportaal.auth.models import ApiToken, Gebruiker
from wijkportaal.auth.passwords import MIN_LENGTH
from wijkportaal.beheer import permissions
from wijkportaal.core import audit, jobs
from wijkportaal.core.errors import Weigering
from wijkportaal.core.roles import Rol
from wijkportaal.wijken.models import Bestuur, Organisatie, Wijk


class GebruikerFout(Weigering):
    """A change the rules of this feature refuse."""


def check_scope(
    session: Session,
    *,
    email: str,
    rol: Rol,
    password: str | None,
    bestuur_id: int | None,
    organisatie_id: int | None,
    user_id: int | None = None,
    wijk_id: int | None = None,
) -> None:
    """Raise GebruikerFout when the account's e-mail, password or scope does not fit its role."""
    existing = session.exec(select(Gebruiker).where(Gebruiker.email == email.strip().lower())).first()
    if existing is not None and existing.id != user_id:
        raise GebruikerFout("Er bestaat al een gebruiker met dit e-mailadres.", "email")
    if password is not None and len(password) < MIN_LENGTH:
        raise GebruikerFout(f"Het wachtwoord moet minstens {MIN_LENGTH} tekens lang zijn.", "wachtwoord")
    if bestuur_id and session.get(Bestuur, bestuur_id) is None:
        raise GebruikerFout("Dit bestuur bestaat niet (meer).", "bestuur_id")
    if wijk_id and session.get(Wijk, wijk_id) is None:
        raise GebruikerFout("Deze wijk bestaat niet (meer).", "wijk_id")
    org = session.get(Organisatie, organisatie_id) if organisatie_id else None
    if rol == Rol.BESTUURDER and not bestuur_id:
        raise GebruikerFout("Een bestuurder hoort bij een bestuur: kies het bestuur.", "bestuur_id")
    if rol == Rol.SCHOOLLEIDER and (org is None or not org.soort.is_school):
        raise GebruikerFout("Een schoolleider hoort bij een school: kies de school.", "school_id")
    if rol == Rol.PARTNER and org is None:
        raise GebruikerFout("Een partner hoort bij een organisatie: kies de organisatie.", "organisatie_id")


def scope_voor_rol(
    rol: Rol, *, bestuur_id: int | None, school_id: int | None, organisatie_id: int | None
) -> tuple[int | None, int | None]:
    """(bestuur_id, organisatie_id) that fit the role: a bestuurder keeps only the bestuur,
    a schoolleider only the school, a partner only the organisation, SWV staff neither."""
    if rol == Rol.BESTUURDER:
        return bestuur_id, None
    if rol == Rol.SCHOOLLEIDER:
        return None, school_id
    if rol == Rol.PARTNER:
        return None, organisatie_id
    return None, None


def create_gebruiker(
    session: Session,
    door,
    *,
    email: str,
    naam: str,
    rol: Rol,
    password: str,
    bestuur_id: int | None = None,
    school_id: int | None = None,
    organisatie_id: int | None = None,
    wijk_id: int | None = None,
) -> Gebruiker:
    bestuur_id, organisatie_id = scope_voor_rol(
        rol, bestuur_id=bestuur_id, school_id=school_id, organisatie_id=organisatie_id
    )
    check_scope(
        session,
        email=email,
        rol=rol,
        password=password,
        bestuur_id=bestuur_id,
        organisatie_id=organisatie_id,
        wijk_id=wijk_id,
    )
    return auth_services.create_user(
        session,
        email=email,
        naam=naam,
        rol=rol,
        password=password,
        bestuur_id=bestuur_id,
        organisatie_id=organisatie_id,
        wijk_id=wijk_id,
        door=door,
    )


def update_gebruiker(
    session: Session,
    gebruiker: Gebruiker,
    door,
    *,
    naam: str,
    rol: Rol,
    is_actief: bool,
    bestuur_id: int | None = None,
    school_id: int | None = None,
    organisatie_id: int | None = None,
    wijk_id: int | None = None,
) -> dict:
    """Change name, role, scope or active state; deactivating ends the user's login sessions."""
    if not is_actief and gebruiker.is_actief and not permissions.can_deactivate(door, gebruiker):
        raise GebruikerFout("U kunt uw eigen account niet op inactief zetten.", "is_actief")
    if rol != gebruiker.rol and not permissions.can_change_rol(door, gebruiker):
        raise GebruikerFout("U kunt uw eigen rol niet wijzigen; vraag dat aan een andere beheerder.", "rol")
    bestuur_id, organisatie_id = scope_voor_rol(
        rol, bestuur_id=bestuur_id, school_id=school_id, organisatie_id=organisatie_id
    )
    check_scope(
        session,
        email=gebruiker.email,
        rol=rol,
        password=None,
        bestuur_id=bestuur_id,
        organisatie_id=organisatie_id,
        user_id=gebruiker.id,
        wijk_id=wijk_id,
    )
    return auth_services.update_user(
        session,
        gebruiker,
        {
            "naam": naam.strip(),
            "rol": rol,
            "bestuur_id": bestuur_id,
            "organisatie_id": organisatie_id,
            "wijk_id": wijk_id,
            "is_actief": is_actief,
        },
        door,
    )


def set_wachtwoord(session: Session, gebruiker: Gebruiker, password: str, door) -> None:
    if len(password) < MIN_LENGTH:
        raise GebruikerFout(f"Het wachtwoord moet minstens {MIN_LENGTH} tekens lang zijn.", "wachtwoord")
    auth_services.set_password(session, gebruiker, password, door)


def issue_token(session: Session, gebruiker: Gebruiker, omschrijving: str, door) -> str:
    """A new personal API token in plain text: the caller shows it once and never stores it."""
    if not gebruiker.is_actief:
        raise GebruikerFout(
            "Deze gebruiker is niet actief: een token zou niet werken. Activeer het account eerst.",
            "omschrijving",
        )
    return auth_services.issue_token(session, gebruiker, omschrijving.strip(), door)


def revoke_token(session: Session, token: ApiToken, door) -> None:
    auth_services.revoke_token(session, token, door)


def stel_taakschema_in(session: Session, user, app, naam: str, tijdstip: str | None, minuten: int | None):
    """Set when a scheduled job runs (the scheduler takes it within a minute), with an audit line."""
    taak = jobs.stel_schema_in(session, app, naam, jobs.Schema(tijdstip=tijdstip, minuten=minuten))
    audit.record(
        session, user, "taken", "schema gewijzigd", {"taak": naam, "tijdstip": tijdstip, "minuten": minuten}
    )
    return taak
