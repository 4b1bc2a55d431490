"""The daily job `initiatief-einde`: funded initiatives past their end date. One with its final report
in is closed (what was not paid goes back to the budget line); one without waits on the SWV staff's
start page ("Te doen") until the report comes or they close it themselves."""

from sqlmodel import Session

from wijkportaal.core import clock, jobs
from wijkportaal.core.web import aantal
from wijkportaal.subsidie import queries, services

EINDE = "initiatief-einde"


def einde(session: Session) -> str:
    afgerond, wachtend = 0, 0
    for aanvraag, heeft_eindrapport in queries.einde_voorbij(session, clock.today()):
        if heeft_eindrapport:
            services.rond_af(session, None, aanvraag, "Einddatum voorbij en eindevaluatie ingediend")
            afgerond += 1
        else:
            wachtend += 1
    return (
        aantal(afgerond, "initiatief afgerond", "initiatieven afgerond")
        + ", "
        + aantal(wachtend, "wacht", "wachten", toon_getal=True)
        + " op de eindevaluatie"
    )


JOBS = (
    jobs.Job(
        EINDE,
        "Initiatieven voorbij hun einddatum afronden (met eindevaluatie) of signaleren (zonder)",
        einde,
        tijd="06:15",
    ),
)
