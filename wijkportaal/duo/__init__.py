"""Import of DUO's open-data lists of school locations (`flask import duo FILE`).

`reader` turns a file into checked rows (format and encoding detected); `services` writes them.
Both are loaded only by the CLI command, never on a request path."""
