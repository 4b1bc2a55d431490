"""The favicon: every page links it, and /favicon.ico (which browsers ask for anyway) finds it."""

from wijkportaal.core.roles import Rol


def test_every_page_links_the_favicon_and_favicon_ico_leads_to_it(client, auth, make_user):
    login = client.get("/inloggen").text
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in login
    auth.login(make_user(Rol.SWV))
    assert '<link rel="icon" href="/static/favicon.svg"' in client.get("/wijken").text

    response = client.get("/favicon.ico", follow_redirects=True)
    assert response.status_code == 200
    assert response.mimetype == "image/svg+xml"
    assert response.data.startswith(b"<svg")
    response.close()


def test_favicon_ico_needs_no_login(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response.headers["Location"].endswith("/static/favicon.svg")
