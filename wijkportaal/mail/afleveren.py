"""Delivery: build a safe MIME message from an outbox row and hand it to the configured backend.

Backends (`MAIL_BACKEND`): `smtp` (MAIL_SMTP_HOST, _PORT, _STARTTLS, _USER, _PASSWORD), `bestand`
(an .eml file per message in instance/mail/, echoed to the console; the default in development) and
`console` (printed only)."""

import smtplib
import sys
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr
from pathlib import Path

from wijkportaal.core.clock import TZ
from wijkportaal.mail.models import Bericht, Bijlage
from wijkportaal.mail.rules import veilige_kop

BACKENDS = ("smtp", "bestand", "console")


class AfleverFout(Exception):
    """The backend could not deliver a message; it stays in the outbox for a later attempt."""


def afzender(config) -> Address:
    naam, adres = parseaddr(config.get("MAIL_FROM") or "")
    if not adres or "@" not in adres:
        naam, adres = "Wijkportaal", "noreply@wijkportaal.invalid"
    gebruiker, domein = adres.rsplit("@", 1)
    return Address(display_name=veilige_kop(naam), username=gebruiker, domain=domein)


def bouw(bericht: Bericht, bijlagen: list[Bijlage], van: Address) -> EmailMessage:
    """The MIME message: text and HTML as alternatives, then the attachments; every header on one line
    (policy SMTP refuses CR/LF in a header, and veilige_kop removes them before it gets the chance)."""
    msg = EmailMessage(policy=policy.SMTP)
    msg["Subject"] = veilige_kop(bericht.onderwerp)
    msg["From"] = van
    gebruiker, _, domein = bericht.adres.strip().rpartition("@")
    msg["To"] = Address(display_name=veilige_kop(bericht.naam), username=gebruiker, domain=domein)
    msg["Date"] = format_datetime(bericht.aangemaakt_op.replace(tzinfo=TZ))
    msg["Message-ID"] = make_msgid(idstring=f"wp{bericht.id}", domain=van.domain)
    msg["Auto-Submitted"] = "auto-generated"
    msg.set_content(bericht.tekst)
    msg.add_alternative(bericht.html, subtype="html")
    for bijlage in bijlagen:
        hoofd, _, sub = bijlage.mime_type.partition("/")
        msg.add_attachment(
            bytes(bijlage.inhoud),
            maintype=hoofd or "application",
            subtype=sub or "octet-stream",
            filename=veilige_kop(bijlage.naam),
        )
    return msg


class SmtpVerbinding:
    """One SMTP connection, opened at the first message and reused for the rest of a run."""

    def __init__(self, config):
        self.host = config.get("MAIL_SMTP_HOST") or "localhost"
        self.port = int(config.get("MAIL_SMTP_PORT") or 25)
        self.starttls = str(config.get("MAIL_SMTP_STARTTLS", False)).lower() in ("true", "1", "ja")
        self.user = config.get("MAIL_SMTP_USER")
        self.password = config.get("MAIL_SMTP_PASSWORD")
        self.timeout = float(config.get("MAIL_SMTP_TIMEOUT") or 10)
        self._smtp: smtplib.SMTP | None = None

    def _open(self) -> smtplib.SMTP:
        if self._smtp is None:
            smtp = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
            try:
                if self.starttls:
                    import ssl

                    smtp.starttls(context=ssl.create_default_context())
                if self.user:
                    smtp.login(self.user, self.password or "")
            except BaseException:
                smtp.close()
                raise
            self._smtp = smtp
        return self._smtp

    def verstuur(self, msg: EmailMessage, naam: str = "") -> None:
        try:
            smtp = self._open()
            smtp.send_message(msg)
        except smtplib.SMTPRecipientsRefused as fout:
            raise AfleverFout(_smtp_tekst(fout)) from fout
        except (smtplib.SMTPException, OSError) as fout:
            self.sluit()  # a broken connection is not reused
            raise AfleverFout(_smtp_tekst(fout)) from fout

    def sluit(self) -> None:
        if self._smtp is not None:
            try:
                self._smtp.quit()
            except (smtplib.SMTPException, OSError):
                self._smtp.close()
            self._smtp = None


def _smtp_tekst(fout: Exception) -> str:
    if isinstance(fout, smtplib.SMTPRecipientsRefused):
        fout = next(iter(fout.recipients.values()), fout)
        if isinstance(fout, tuple):
            code, melding = fout
            return f"{code} {melding.decode(errors='replace') if isinstance(melding, bytes) else melding}"
    if isinstance(fout, smtplib.SMTPResponseException):
        melding = fout.smtp_error
        return (
            f"{fout.smtp_code} {melding.decode(errors='replace') if isinstance(melding, bytes) else melding}"
        )
    return f"{type(fout).__name__}: {fout}"[:500]


class BestandVerbinding:
    """Development: each message as an .eml file in instance/mail/, and a line on the console."""

    def __init__(self, map_: Path, echo: bool = True):
        self.map = map_
        self.echo = echo

    def verstuur(self, msg: EmailMessage, naam: str) -> None:
        self.map.mkdir(parents=True, exist_ok=True)
        pad = self.map / naam
        pad.write_bytes(msg.as_bytes())
        if self.echo:
            print(f"[mail] {msg['To']}: {msg['Subject']} -> {pad}", file=sys.stderr)

    def sluit(self) -> None:
        pass


class ConsoleVerbinding:
    """Print each message whole (its text part and headers) instead of sending it."""

    def verstuur(self, msg: EmailMessage, naam: str) -> None:
        print(msg.as_string(policy=policy.SMTP.clone(linesep="\n")), file=sys.stdout)

    def sluit(self) -> None:
        pass


def verbinding(config, instance_path: str):
    soort = (config.get("MAIL_BACKEND") or "bestand").lower()
    if soort == "smtp":
        return SmtpVerbinding(config)
    if soort == "bestand":
        return BestandVerbinding(Path(instance_path) / "mail")
    if soort == "console":
        return ConsoleVerbinding()
    raise ValueError(f"MAIL_BACKEND must be one of {', '.join(BACKENDS)}, not {soort!r}")
