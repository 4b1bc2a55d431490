"""GET /api/v1/initiatieven and /api/v1/initiatieven/<id>: amounts in cents per year, the formal checks,
scores only for SWV staff and the director, and only the applications the caller may read."""

from wijkportaal.core.roles import Rol
from wijkportaal.initiatieven import queries


def test_swv_staff_see_every_application_with_cents_per_year_and_the_checks(api_as, concept, make_user):
    body = api_as(make_user(Rol.SWV)).get("/initiatieven").get_json()
    assert len(body) == 1
    (initiatief,) = body
    assert initiatief["status"] == "concept"
    assert initiatief["ronde"] == "Ronde 2026"
    assert initiatief["bedragen"] == [
        {"jaar": 2026, "gevraagd": 3_000_000, "toegekend": 0},
        {"jaar": 2027, "gevraagd": 6_000_000, "toegekend": 0},
    ]
    assert initiatief["besturen"] == ["Stichting Noord"]
    assert initiatief["formele_controles"]["geslaagd"] is False
    assert "Wacht nog op bevestiging van: Stichting Zuid." in initiatief["formele_controles"]["meldingen"][0]
    assert initiatief["scores"] is None  # nobody assessed a draft (the scores: tests/wijkportaal/beoordeling)


def test_applicants_see_their_own_without_scores_and_others_see_nothing(api_as, concept, noord, partij):
    queries.SCORES.append(lambda _db, _a: {"totaal": "2.50"})
    try:
        eigen = api_as(noord.schoolleider)
        assert [i["id"] for i in eigen.get("/initiatieven").get_json()] == [concept.id]
        assert eigen.get(f"/initiatieven/{concept.id}").get_json()["scores"] is None
        ander = api_as(partij("Oost").schoolleider)
        assert ander.get("/initiatieven").get_json() == []
        response = ander.get(f"/initiatieven/{concept.id}")
        assert (
            response.status_code == 403
            and response.get_json()["toelichting"] == "U mag deze aanvraag niet zien."
        )
        assert ander.get(f"/initiatieven/{concept.id + 99}").status_code == 404
    finally:
        queries.SCORES.pop()


def test_the_operations_are_in_the_openapi_document(client):
    paden = client.get("/api/v1/openapi.json").get_json()["paths"]
    assert "/api/v1/initiatieven" in paden and "/api/v1/initiatieven/{id}" in paden


def test_the_list_reads_the_checks_of_all_applications_in_a_fixed_number_of_queries(
    app, api_as, db, concept, ronde, noord, make_user
):
    import sqlalchemy as sa

    from wijkportaal.initiatieven import services

    api = api_as(make_user(Rol.SWV))

    def tellen() -> tuple[int, int]:
        teller = []
        luister = lambda *_a: teller.append(1)  # noqa: E731
        sa.event.listen(app.extensions["db_engine"], "before_cursor_execute", luister)
        try:
            body = api.get("/initiatieven").get_json()
        finally:
            sa.event.remove(app.extensions["db_engine"], "before_cursor_execute", luister)
        return len(body), len(teller)

    tellen()  # the token's first use of the day is recorded once
    een, vragen = tellen()
    for _ in range(5):
        services.start_aanvraag(db, noord.schoolleider, ronde)
    db.commit()
    assert tellen() == (een + 5, vragen)
