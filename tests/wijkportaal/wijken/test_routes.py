from wijkportaal.core.roles import Rol


def test_login_required_for_wijk_pages(client, make_wijk):
    wijk = make_wijk()
    response = client.get(f"/wijken/{wijk.code}")
    assert response.status_code == 302
    assert "/inloggen" in response.headers["Location"]


def test_swv_sees_any_wijk_page(client, auth, make_user, make_overleg):
    o = make_overleg()
    auth.login(make_user(Rol.SWV))
    response = client.get(f"/wijken/{o.wijk.code}")
    assert response.status_code == 200
    assert o.wijk.naam in response.get_data(as_text=True)
    assert o.voorzitter.naam in response.get_data(as_text=True)


def test_schoolleider_cannot_see_other_wijk(client, auth, make_overleg):
    own, other = make_overleg(), make_overleg()
    auth.login(own.voorzitter)
    assert client.get(f"/wijken/{own.wijk.code}").status_code == 200
    assert client.get(f"/wijken/{other.wijk.code}").status_code == 403
