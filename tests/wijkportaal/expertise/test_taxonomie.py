"""SWV staff keep the domains and the coverage norm; names stay unique, numbers whole and not negative."""

from sqlmodel import func, select

from wijkportaal.core.audit import AuditRegel
from wijkportaal.expertise.models import Dekkingsnorm, Domein


def _domeinen(db) -> list[tuple[str, bool]]:
    db.expire_all()
    return [(d.naam, d.is_actief) for d in db.exec(select(Domein).order_by(Domein.id))]


def test_add_rename_and_deactivate(client, auth, world, db):
    auth.login(world.users["swv"])
    assert client.post("/expertise/domeinen", data={"naam": "Gedrag", "volgorde": "2"}).status_code == 302
    gedrag = db.exec(select(Domein).where(Domein.naam == "Gedrag")).one()
    response = client.post(
        f"/expertise/domeinen/{gedrag.id}", data={"naam": "Gedrag en werkhouding", "is_actief": "y"}
    )
    assert response.status_code == 302
    assert client.post(f"/expertise/domeinen/{gedrag.id}/actief").status_code == 302
    assert _domeinen(db) == [("Autisme", True), ("Gedrag en werkhouding", False)]
    # a deactivated domain leaves the search filters and the matrix, its offers stay
    html = client.get("/expertise/dekking").get_data(as_text=True)
    assert '<th scope="col">Autisme</th>' in html and '<th scope="col">Gedrag en werkhouding</th>' not in html
    assert db.exec(select(func.count()).select_from(AuditRegel)).one() == 3


def test_duplicate_name_is_refused_in_dutch(client, auth, world, db):
    auth.login(world.users["beheerder"])
    voor = _domeinen(db)
    response = client.post("/expertise/domeinen", data={"naam": "autisme"})
    assert response.status_code == 422
    assert "Er bestaat al een domein met deze naam." in response.get_data(as_text=True)
    client.post("/expertise/domeinen", data={"naam": "Taal"})
    taal = db.exec(select(Domein).where(Domein.naam == "Taal")).one()
    response = client.post(f"/expertise/domeinen/{taal.id}", data={"naam": "Autisme", "is_actief": "y"})
    assert response.status_code == 422
    assert _domeinen(db) == [*voor, ("Taal", True)]


def test_norm(client, auth, world, db):
    auth.login(world.users["swv"])
    for fout, melding in [
        ("-1", "kan niet negatief zijn"),
        ("2,5", "heel getal"),
        ("", "Vul een aantal in."),
    ]:
        response = client.post(
            "/expertise/norm", data={"min_uren_per_1000": fout, "min_plaatsen_per_1000": "1"}
        )
        assert response.status_code == 422 and melding in response.get_data(as_text=True)
    assert db.exec(select(Dekkingsnorm)).all() == []
    response = client.post("/expertise/norm", data={"min_uren_per_1000": "3", "min_plaatsen_per_1000": "0"})
    assert response.status_code == 302
    norm = db.exec(select(Dekkingsnorm)).one()
    assert (norm.min_uren_per_1000, norm.min_plaatsen_per_1000) == (3, 0)
    assert "3 uur per week" in client.get("/expertise/dekking").get_data(as_text=True)
