"""The size cap of every import and upload (`IMPORT_MAX_BYTES`), checked before a byte is read: a file of
hundreds of MB would otherwise be read whole into memory (a 200 MB boundary file took 5.5 GB)."""

import os
from pathlib import Path
from typing import BinaryIO

from flask import current_app


def max_bytes() -> int:
    return int(current_app.config["IMPORT_MAX_BYTES"])


def _grootte(n: int) -> str:
    """20 MB, 1,5 MB, 1 kB: one decimal at most, a Dutch comma."""
    waarde, eenheid = (n / (1024 * 1024), "MB") if n >= 1024 * 1024 else (n / 1024, "kB")
    return f"{waarde:.1f}".replace(".", ",").removesuffix(",0") + f" {eenheid}"


def te_groot(grootte: int, naam: str) -> str | None:
    """The Dutch refusal for a file of `grootte` bytes over the limit; None when it fits."""
    limiet = max_bytes()
    if grootte <= limiet:
        return None
    return (
        f"{naam} is {_grootte(grootte)}; een bestand om in te lezen mag hoogstens {_grootte(limiet)} zijn "
        "(instelling IMPORT_MAX_BYTES). Er is niets ingelezen."
    )


def te_groot_bestand(pad: str | os.PathLike) -> str | None:
    """`te_groot` for a file on disk, from its size alone (nothing is read)."""
    pad = Path(pad)
    return te_groot(pad.stat().st_size, pad.name) if pad.is_file() else None


def te_groot_upload(stream: BinaryIO, naam: str) -> str | None:
    """`te_groot` for an uploaded file, measured by seeking to its end (nothing is read)."""
    stream.seek(0, os.SEEK_END)
    grootte = stream.tell()
    stream.seek(0)
    return te_groot(grootte, naam)
