"""One proposal-and-decision component: a Voorstel waits for the decisions of its deciders under a rule.

Features attach their payload (a Toekenning, a VrijvalVoorstel, …) by a foreign key to the Voorstel,
call `services.beslis` and act on the status it returns; they describe their proposals for the lists
of what waits for a user by registering with `soorten.beschrijving`."""

from flask import Flask


def init_app(app: Flask) -> None:
    """Nothing to register: no pages, commands or jobs of its own; the features that use it have those."""
