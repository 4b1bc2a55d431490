"""Record ids as the URLs and the API accept them: 1 … 2^31−1, the range of the databases' integer keys.

A larger number would reach the database and fail there (PostgreSQL: NumericValueOutOfRange; SQLite:
an integer overflow in the driver), so a page answered 500 where 404 is the truth: no such record."""

from typing import Annotated

from flask import Flask
from pydantic import Field
from werkzeug.routing import IntegerConverter

ID_MIN = 1
ID_MAX = 2**31 - 1  # PostgreSQL's `integer`, the type of every primary and foreign key


class IdConverter(IntegerConverter):
    """`<id:name>`: ASCII digits without leading zero, 1 … 2^31−1; anything else matches no route (404)."""

    regex = r"[1-9][0-9]{0,9}"

    def __init__(self, map, *args, **kwargs):
        super().__init__(map, min=ID_MIN, max=ID_MAX)


Id = Annotated[
    int,
    Field(ge=ID_MIN, le=ID_MAX, description=f"Een id: een geheel getal van {ID_MIN} tot en met {ID_MAX}."),
]
"""An id in an API body or query: out of range is a 422 with a Dutch message, never a database error."""

# The same bounds in the OpenAPI document, for the path parameters of `<id:…>` routes.
ID_SCHEMA = {"type": "integer", "minimum": ID_MIN, "maximum": ID_MAX}


def id_arg(value: str) -> int:
    """`type=` for ids in a query string or form (`request.args.get("wijk", type=id_arg)`): a value that
    cannot be an id raises ValueError, so werkzeug returns the default instead of querying the database."""
    if not value.isascii() or not value.isdigit() or not ID_MIN <= int(value) <= ID_MAX:
        raise ValueError(f"geen id: {value!r}")
    return int(value)


def pagina_arg(value: str) -> int:
    """`type=` for a page number in a query string (`request.args.get("pagina", 1, type=pagina_arg)`):
    1 … 999,999; anything else raises ValueError, so werkzeug returns the default (the first page)."""
    if not value.isascii() or not value.isdigit() or not 1 <= int(value) <= 999_999:
        raise ValueError(f"geen paginanummer: {value!r}")
    return int(value)


def init_app(app: Flask) -> None:
    app.url_map.converters["id"] = IdConverter
