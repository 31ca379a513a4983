"""The URL and link detectors give the same findings on PySpark as on DuckDB."""

from __future__ import annotations

from pathlib import Path

import pytest

from lockstep.detect.spam.link_only import LinkOnly
from lockstep.detect.spam.malicious_url import MaliciousUrl
from lockstep.detect.spam.misleading_url import MisleadingUrl
from lockstep.lake import Lake
from tests.detect.urlintel.worlds import Posts, lake


@pytest.mark.spark
@pytest.mark.slow
def test_pyspark_finds_the_same(tmp_path: Path) -> None:
    p = Posts()
    for i in range(6):
        p.add("phisher", "verify now", [f"https://paypa1-secure.com/login?s={i}"])
        p.add("cloaker", None, [f"https://adf.ly/x{i}"])
        p.add("news", f"Council approves budget, part {i}", ["https://bit.ly/b"])
    p.add("victim", "is this real?", ["https://paypa1-secure.com/login?s=0"])
    duck_lake = lake(tmp_path, p)
    spark_lake = Lake(tmp_path, backend="pyspark")
    for detector in (MaliciousUrl(), MisleadingUrl(), LinkOnly()):
        duck = detector.detect(duck_lake).findings
        assert duck.num_rows > 0
        assert duck.equals(detector.detect(spark_lake).findings), detector.name
