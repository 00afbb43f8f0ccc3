import pytest
pytestmark = pytest.mark.django_db

def test_smoke(client, demo):
    r = client.get("/katalog.ttl")
    print(r.status_code, r.headers)
    print(r.content.decode()[:6000])
    r = client.get("/katalog.jsonld")
    print(r.status_code)
    print(r.content.decode()[:3000])
