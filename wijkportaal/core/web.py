"""What every page shares: Dutch formatting filters, security headers and error pages."""

import secrets
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache

from babel import Locale
from babel.dates import format_date, format_datetime, format_time
from babel.numbers import format_currency, format_decimal
from flask import Flask, flash, g, redirect, render_template, request, url_for
from flask_wtf.csrf import CSRFError

from wijkportaal.core.errors import Weigering

LOCALE = Locale.parse("nl_NL")  # parsed once: Babel would parse a string on every call


@lru_cache(maxsize=8192)
def datum_tijd(value: datetime | None) -> str:
    """di 3 februari 2026 15:30"""
    return format_datetime(value, "EEE d MMMM y HH:mm", locale=LOCALE) if value else "—"


@lru_cache(maxsize=8192)
def datum(value: date | None) -> str:
    """di 3 februari 2026"""
    return format_date(value, "EEE d MMMM y", locale=LOCALE) if value else "—"


@lru_cache(maxsize=8192)
def datum_kort(value: date | None) -> str:
    """3 feb 2026"""
    return format_date(value, "d MMM y", locale=LOCALE) if value else "—"


def tijd(value: datetime | None) -> str:
    return format_time(value, "HH:mm", locale=LOCALE) if value else ""


def euro(value: Decimal | int | None) -> str:
    """€ 1.234,56 — pass a Decimal in euros."""
    return format_currency(Decimal(value or 0), "EUR", locale=LOCALE)


@lru_cache(maxsize=8192)
def centen(value: int | None) -> str:
    """Integer cents as € 1.234,56, exactly (memoised: a list page formats the same amounts many times)."""
    from ledger import to_decimal

    return euro(to_decimal(value or 0))


def in_woorden(cents: int) -> str:
    """The amount in Dutch words, as on a cheque: 'honderdduizend euro', 'twaalf euro en vijftig cent'."""
    from num2words import num2words  # only a confirmation page needs it

    euros, rest = divmod(int(cents), 100)
    delen = [f"{num2words(euros, lang='nl')} euro"] if euros or not rest else []
    if rest:
        delen.append(f"{num2words(rest, lang='nl')} cent")
    return " en ".join(delen)


def getal(value) -> str:
    return format_decimal(value or 0, locale=LOCALE)


def aantal(n, enkelvoud: str, meervoud: str, toon_getal: bool = True) -> str:
    """A count with the right Dutch form: '1 school', '2 scholen', '0 scholen', '1.000 scholen',
    '1,5 plaatsen'. Singular exactly when the number as shown is 1 (Dutch has one plural rule).
    With `toon_getal=False` only the word, for what agrees with the count: 'ontbreekt'/'ontbreken'.
    The one plural rule of Wijkportaal: templates use it as a filter (`n|aantal('punt', 'punten')`)."""
    getoond = getal(n)
    woord = enkelvoud if getoond == "1" else meervoud
    return f"{getoond} {woord}" if toon_getal else woord


def init_app(app: Flask) -> None:
    app.add_template_filter(datum_tijd)
    app.add_template_filter(datum)
    app.add_template_filter(datum_kort)
    app.add_template_filter(tijd)
    app.add_template_filter(euro)
    app.add_template_filter(centen)
    app.add_template_filter(in_woorden)
    app.add_template_filter(getal)
    app.add_template_filter(aantal)
    app.before_request(_make_nonce)
    app.after_request(_security_headers)
    app.context_processor(lambda: {"csp_nonce": g.get("csp_nonce", "")})
    for code in (400, 403, 404, 405, 413, 429, 500):
        app.register_error_handler(code, _error_page)
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(Weigering, _weigering)
    app.add_url_rule("/gezondheid", view_func=gezondheid)
    app.add_url_rule("/favicon.ico", view_func=favicon)


def gezondheid():
    """Liveness probe for the load balancer (and the benchmark's floor)."""
    return {"status": "ok"}


def favicon():
    """Browsers ask for /favicon.ico whatever the page links: send them to the SVG icon, not to a 404."""
    return redirect(url_for("static", filename="favicon.svg"), 301)


def _make_nonce() -> None:
    g.csp_nonce = secrets.token_urlsafe(16)


def _security_headers(response):
    nonce = g.get("csp_nonce", "")
    response.headers.setdefault(
        "Content-Security-Policy",
        "default-src 'self'; img-src 'self' data:; style-src 'self'; "
        f"script-src 'self' 'nonce-{nonce}'; object-src 'none'; base-uri 'self'; "
        "form-action 'self'; frame-ancestors 'self'",
    )
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "SAMEORIGIN")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("Permissions-Policy", "geolocation=(), camera=(), microphone=()")
    if request.is_secure:
        response.headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
    if request.endpoint != "static":  # pages, JSON and downloads of non-public data stay out of every cache
        response.headers.setdefault("Cache-Control", "no-store")
    return response


ERROR_TEXTS = {
    400: (
        "Ongeldig verzoek",
        "Het verzoek kon niet worden verwerkt. Controleer wat u invulde en probeer het opnieuw.",
    ),
    403: ("Geen toegang", "U heeft geen toegang tot deze pagina."),
    404: ("Niet gevonden", "Deze pagina bestaat niet (meer)."),
    405: ("Niet toegestaan", "Deze handeling is hier niet mogelijk."),
    413: ("Te groot", "Wat u verstuurde is te groot."),
    429: ("Te veel pogingen", "U heeft het te vaak geprobeerd. Wacht een minuut en probeer het opnieuw."),
    500: (
        "Er ging iets mis",
        "Er ging aan onze kant iets mis. Er is niets opgeslagen; probeer het later opnieuw.",
    ),
}


def _error_page(error):
    code = getattr(error, "code", 500) or 500
    if code not in ERROR_TEXTS:
        code = 500
    title, text = ERROR_TEXTS[code]
    # A 405 names the methods the URL does take (RFC 9110), as werkzeug's own error would
    headers = {"Allow": ", ".join(error.valid_methods)} if getattr(error, "valid_methods", None) else {}
    if request.path.startswith("/api/"):
        return {"fout": title, "toelichting": text}, code, headers
    return render_template("fout.html", code=code, title=title, text=text), code, headers


def _weigering(fout: Weigering):
    """A refusal no view caught: the request has rolled back; say why, and go back to where the user was."""
    if request.path.startswith("/api/"):
        velden = {fout.veld: str(fout)} if fout.veld else {}
        return {"fout": "Geweigerd", "toelichting": str(fout), "velden": velden}, 422
    flash(str(fout), "error")
    terug = request.referrer or ""
    if not terug.startswith(request.host_url):
        terug = "/"
    return redirect(terug), 303


def _csrf_error(error):
    text = "Het formulier is verlopen of niet vanaf deze site verstuurd. Laad de pagina opnieuw en probeer het nog eens."
    if request.path.startswith("/api/"):
        return {"fout": "CSRF", "toelichting": text}, 400
    return render_template("fout.html", code=400, title="Formulier verlopen", text=text), 400
