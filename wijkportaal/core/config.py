"""Default settings; overridden by instance/config.py and then by the environment."""

import os
from pathlib import Path

ENV_KEYS = (
    "DATABASE_URL",
    "SECRET_KEY",
    "SESSION_COOKIE_SECURE",
    "RATELIMIT_STORAGE_URI",
    "TRUSTED_PROXIES",
    "SESSIE_INACTIEF_MINUTEN",
    "SESSIE_MAX_UREN",
    "KAART_TEGELS",
    "BEHEER_CONTACT",
    "BASE_URL",
    "MAIL_BACKEND",
    "MAIL_SMTP_HOST",
    "MAIL_SMTP_PORT",
    "MAIL_SMTP_STARTTLS",
    "MAIL_SMTP_USER",
    "MAIL_SMTP_PASSWORD",
    "MAIL_FROM",
    "IMPORT_MAX_BYTES",
)


class Defaults:
    SECRET_KEY = None  # None: a random key kept in instance/secret_key
    DATABASE_URL = None  # None: the SQLite file instance/wijkportaal.sqlite
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    WTF_CSRF_TIME_LIMIT = None
    WTF_I18N_ENABLED = False  # use WTForms' bundled Dutch messages (wijkportaal.core.forms.Form)
    # Sessions end after this much inactivity, and this long after the login whatever the activity; the
    # server-side session row enforces both (wijkportaal.auth.rules.sessie_verlopen).
    SESSIE_INACTIEF_MINUTEN = 30
    SESSIE_MAX_UREN = 12
    # The number of reverse proxies in front of the app whose X-Forwarded-For/-Proto are trusted (werkzeug's
    # ProxyFix): 1 behind one TLS-terminating proxy; 0 (directly reachable) trusts no such header.
    TRUSTED_PROXIES = 0
    # Where the login limits are counted: memory:// holds per worker, so with several workers use Redis
    # (redis://127.0.0.1:6379/0).
    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_LOGIN = "10 per minute"  # failed logins per address (correct ones are not counted)
    RATELIMIT_LOGIN_ACCOUNT = "5 per minute;20 per hour"  # failed logins per account, from any address
    RATELIMIT_HERSTEL = "5 per 15 minutes"  # requests for a password link, per address of the requester
    MAX_CONTENT_LENGTH = 2 * 1024 * 1024
    IMPORT_MAX_BYTES = (
        20 * 1024 * 1024
    )  # every import and upload (DUO, boundaries, wijken, monitor, begroting)
    TIMEZONE = "Europe/Amsterdam"
    SWV_GEMEENTEN = ("AMSTERDAM", "DIEMEN")  # `flask import duo` keeps the schools of these (GEMEENTENAAM)
    KAART_TEGELS = "openstreetmap"  # background tiles of the maps (maps.kaart.TEGELS); "geen" for none
    BEHEER_CONTACT = (
        ""  # how users reach the beheerder (an e-mail address or phone number), for a new password
    )
    BASE_URL = None  # the portal's address for links in e-mail, e.g. https://wijkportaal.swvamsterdam.nl
    # E-mail (wijkportaal.mail): `smtp`, `bestand` (.eml files in instance/mail/, the default) or `console`
    MAIL_BACKEND = "bestand"
    MAIL_SMTP_HOST = "localhost"
    MAIL_SMTP_PORT = 25
    MAIL_SMTP_STARTTLS = False
    MAIL_SMTP_USER = None
    MAIL_SMTP_PASSWORD = None
    MAIL_FROM = "Wijkportaal <noreply@wijkportaal.invalid>"
    MAIL_MAX_POGINGEN = 5  # failed attempts before a message is marked failed
    MAIL_RETRY_MINUTEN = 1  # backoff: 1, 2, 4, 8 … minutes after the 1st, 2nd, 3rd … failure
    MAIL_OVERZICHT_UUR = 7  # the daily and weekly digests go out from this hour


NUMBERS = ("TRUSTED_PROXIES", "SESSIE_INACTIEF_MINUTEN", "SESSIE_MAX_UREN")


def from_environment() -> dict:
    """Settings given as environment variables win over every file."""
    settings = {}
    for key in ENV_KEYS:
        value = os.environ.get(key)
        if value is None:
            continue
        if value.lower() in ("true", "false"):
            settings[key] = value.lower() == "true"
        elif key in NUMBERS:
            try:
                settings[key] = int(value)
            except ValueError:
                raise RuntimeError(f"{key}={value!r} is geen geheel getal.") from None
        else:
            settings[key] = value
    return settings


def template_folder() -> Path:
    """templates/ sits beside the package in a checkout; a built wheel ships it inside (see setup.py)."""
    package = Path(__file__).resolve().parents[1]
    installed = package / "templates"
    return installed if installed.is_dir() else package.parent / "templates"
