"""The page cache on the real Redis (REDIS_URL, set on CI): shared by every web process, invalidated by publishing."""

from home.models import HomePage, StandardPage
from tests.conftest import demo_page, demo_url


def test_redis_page_cache_hit_and_invalidation(client, demo, redis_page_cache, admin_user, django_assert_num_queries):
    page = demo_page(StandardPage, "ueber-das-projekt")
    url = page.url
    assert client.get(url)["X-Cache"] == "MISS"
    with django_assert_num_queries(0):
        assert client.get(url)["X-Cache"] == "HIT"
    # The entry really lives in Redis: a second process (here: a fresh connection) sees the same version.
    from django.core.cache import caches
    from django.core.cache.backends.redis import RedisCache

    from stadtteil.page_cache import VERSION_KEY

    fresh = RedisCache(caches["default"]._servers[0], {"KEY_PREFIX": caches["default"].key_prefix})
    version = fresh.get(VERSION_KEY)
    assert version is not None

    page.title = "Über das Stadtteilprojekt"
    page.save_revision(user=admin_user).publish(user=admin_user)
    assert fresh.get(VERSION_KEY) != version
    response = client.get(url)
    assert response["X-Cache"] == "MISS"
    assert "Über das Stadtteilprojekt" in response.content.decode()


def test_redis_staff_bypass_and_snippet_invalidation(client, admin_client, demo, redis_page_cache):
    from stadtteil.models import SiteTexts

    home = demo_url(HomePage, lang="en")
    assert admin_client.get(home)["X-Cache"] == "BYPASS"
    admin_client.logout()
    assert client.get(home)["X-Cache"] == "MISS"
    assert client.get(home)["X-Cache"] == "HIT"
    texts = SiteTexts.objects.get(locale=demo["en"])
    texts.opening_hours = "Thursdays only"
    texts.save()
    response = client.get(home)
    assert response["X-Cache"] == "MISS"
    assert "Thursdays only" in response.content.decode()
