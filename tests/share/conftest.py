"""Sharing fixtures: the two handmade platforms as run folders, a partner key file, and a
TAXII 2.1 server (medallion, memory backend) on the loopback address."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
import requests

from lockstep.ingest import ingest
from lockstep.progress import NullProgress
from tests.enforce.conftest import ledger_url  # noqa: F401  (the SQLite + PostgreSQL fixture)
from tests.share import world

INGEST_NOW = datetime(2025, 6, 1, tzinfo=UTC)
#: a fixed partner key, so exported bundles (and their golden file) are stable
PARTNER = "peer-b"
KEY_HEX = "0f1e2d3c4b5a69788796a5b4c3d2e1f00112233445566778899aabbccddeeff0"


def make_run(folder: Path, build: object) -> Path:
    """A run folder with a lake ingested from the handmade platform ``build`` writes."""
    data = folder / "data"
    build(data)  # type: ignore[operator]
    run = folder / "run"
    ingest(data, run / "lake", run / "quarantine", NullProgress(), now=INGEST_NOW)
    return run


@pytest.fixture(scope="module")
def run_a(tmp_path_factory: pytest.TempPathFactory) -> Path:
    run = make_run(tmp_path_factory.mktemp("platform_a"), world.platform_a)
    (run / "networks.jsonl").write_text(json.dumps(world.network_row()) + "\n", encoding="utf-8")
    return run


@pytest.fixture(scope="module")
def run_b(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_run(tmp_path_factory.mktemp("platform_b"), world.platform_b)


@pytest.fixture
def key_file(tmp_path: Path) -> Path:
    path = tmp_path / "keys.toml"
    path.write_text(f'[partners]\n"{PARTNER}" = "{KEY_HEX}"\n', encoding="utf-8")
    return path


@dataclass(frozen=True)
class Taxii:
    api_root: str
    collection: str
    read_only: str
    user: str
    password: str


SERVER = Path(__file__).with_name("taxii_server.py")
COLLECTION = "365fed99-08fa-fdcd-a1b3-fb247eb41d01"
READ_ONLY = "52892447-4d7e-4f70-b94d-d7f22742ff63"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def taxii(tmp_path: Path) -> Iterator[Taxii]:
    """A medallion TAXII 2.1 server with one writable and one read-only collection, on a
    free loopback port; stopped (and waited for) after the test."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    collection = {
        "can_read": True,
        "can_write": True,
        "media_types": ["application/stix+json;version=2.1"],
        "objects": [],
        "manifest": [],
    }
    data = {
        "/discovery": {
            "title": "Test TAXII",
            "description": "peer sharing group",
            "default": f"{base}/sharing/",
            "api_roots": [f"{base}/sharing/"],
        },
        "sharing": {
            "information": {
                "title": "Influence operations",
                "description": "test",
                "versions": ["application/taxii+json;version=2.1"],
                "max_content_length": 10485760,
            },
            "status": [],
            "collections": [
                {**collection, "id": COLLECTION, "title": "Networks", "description": "rw"},
                {
                    **collection,
                    "id": READ_ONLY,
                    "title": "Read only",
                    "description": "ro",
                    "can_write": False,
                },
            ],
        },
    }
    (tmp_path / "taxii_data.json").write_text(json.dumps(data), encoding="utf-8")
    config = {
        "backend": {
            "module": "medallion.backends.memory_backend",
            "module_class": "MemoryBackend",
            "filename": str(tmp_path / "taxii_data.json"),
        },
        "users": {"analyst": "s3cret-pass"},
        "taxii": {"max_page_size": 50},
    }
    (tmp_path / "taxii_config.json").write_text(json.dumps(config), encoding="utf-8")
    log = (tmp_path / "taxii.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, str(SERVER), str(tmp_path / "taxii_config.json"), str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                requests.get(f"{base}/taxii2/", timeout=1)
                break
            except requests.ConnectionError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("the TAXII test server did not start") from None
                time.sleep(0.1)
        yield Taxii(f"{base}/sharing/", COLLECTION, READ_ONLY, "analyst", "s3cret-pass")
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
