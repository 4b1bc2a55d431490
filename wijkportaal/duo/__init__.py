"""Import of DUO's open-data lists of school locations (`flask import duo FILE`).

`reader` turns a file into checked rows (format and encoding detected); `services` writes them.
Both are loaded only by the CLI command, never on a request path."""

from flask import Flask


def init_app(app: Flask) -> None:
    from wijkportaal.core.cli import import_cli
    from wijkportaal.duo import cli

    import_cli.add_command(cli.import_duo)
