"""compose.yaml keeps every state directory in a named volume shared by web replicas and worker; nginx accepts
every upload the site allows and answers bigger ones with a styled page."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from django.conf import settings

from fund.views import MAX_BODY_BYTES

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((ROOT / "compose.yaml").read_text())


def nginx_conf():
    return (ROOT / "deploy" / "nginx.conf").read_text()


@pytest.mark.parametrize("service", ["web", "worker", "migrate"])
def test_state_directories_are_named_volumes_shared_by_every_app_container(compose, service):
    config = compose["services"][service]
    assert {"var:/data", "media:/data/media", "private:/data/private"} <= set(config["volumes"])
    assert config["environment"]["PRIVATE_MEDIA_ROOT"] == "/data/private"
    assert {"var", "media", "private", "pgdata"} <= set(compose["volumes"])
    # Named volumes (not bind mounts or anonymous volumes), the same for both replicas of web.
    assert all(volume.split(":")[0] in compose["volumes"] for volume in config["volumes"])


def test_database_keeps_its_volume(compose):
    assert "pgdata:/var/lib/postgresql/data" in compose["services"]["db"]["volumes"]


def test_nginx_accepts_every_allowed_upload():
    size = re.search(r"client_max_body_size\s+(\d+)m;", nginx_conf())
    assert size, "client_max_body_size in megabytes"
    limit = int(size.group(1)) * 1024 * 1024
    assert limit > settings.WAGTAILDOCS_MAX_UPLOAD_SIZE  # documents, 100 MB by default
    assert limit > MAX_BODY_BYTES >= 5 * 10 * 1024 * 1024  # fund: five attachments of 10 MB
    assert limit > settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE


def test_a_too_large_request_gets_a_styled_page_in_both_languages(compose):
    conf = nginx_conf()
    page = re.search(r"error_page 413 (/\S+);", conf).group(1)
    assert f"location = {page}" in conf and "internal;" in conf
    assert "./deploy/errors:/usr/share/nginx/errors:ro" in compose["services"]["proxy"]["volumes"]
    assert re.search(r"root /usr/share/nginx;", conf) and page.startswith("/errors/")
    html = (ROOT / "deploy" / page.lstrip("/")).read_text()
    assert '<html lang="de">' in html and '<section lang="en">' in html
    assert "Die Datei ist zu groß" in html and "The file is too large" in html
    assert "<style>" in html and "http" not in html.replace('href="/', "")  # no request to another host


@pytest.mark.skipif(not shutil.which("docker-compose"), reason="docker-compose is not installed")
def test_docker_compose_accepts_the_volumes():
    result = subprocess.run(
        [shutil.which("docker-compose"), "-f", "compose.yaml", "config", "--volumes"],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "SECRET_KEY": "x"},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert {"var", "media", "private", "pgdata"} <= set(result.stdout.split())
