"""Real third-party data reconciles (skipped when the shared data folder is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SHARED_DATA
from tests.ingest.helpers import run


def _dataset(name: str) -> Path:
    path = SHARED_DATA / name
    if not path.is_dir():
        pytest.skip(f"real data {name} not available")
    return path


def test_youtube_spam_comments(tmp_path: Path) -> None:
    done = run(_dataset("youtube_spam_dev"), tmp_path / "out")
    posts = done.report.tables["posts"]
    assert (posts.read, posts.accepted, posts.quarantined) == (702, 702, 0)
    assert set(posts.derived_columns) == {"urls", "hashtags", "mentions"}
    assert "labels.csv" in done.report.ignored_files
    # links are only in the text: ingest found and normalised them
    assert done.table("urls").num_rows > 100
    assert all("\ufeff" not in u for u in done.column("urls", "url"))


def test_coortweet_german_election(tmp_path: Path) -> None:
    done = run(_dataset("coortweet_german"), tmp_path / "out")
    posts = done.report.tables["posts"]
    assert posts.read == posts.accepted == 194_326
    assert done.report.tables["accounts"].accepted == 58_317
    assert posts.extra_columns == ["platform", "domains", "url_ids", "hashtag_ids", "phash_ids"]
    domains = done.table("urls").select(["host", "registered_domain", "suffix"]).to_pylist()
    assert all(d["registered_domain"] == d["host"] and d["suffix"] == "invalid" for d in domains)
