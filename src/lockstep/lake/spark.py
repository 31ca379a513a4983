"""A local PySpark session for the scale-out engine, configured for UTC and small jobs."""

from __future__ import annotations

from typing import Any


def local_session(cores: int = 2) -> Any:
    """A ``local[cores]`` Spark session; naive timestamps in the lake are UTC."""
    from pyspark.sql import SparkSession

    return (
        SparkSession.builder.master(f"local[{cores}]")
        .appName("lockstep")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", str(max(2, cores * 2)))
        .config("spark.ui.enabled", "false")
        .config("spark.driver.memory", "2g")
        # Plans over cached tables print every cached child in full; without a cap the
        # plan description Spark builds for each query can exhaust the driver's heap.
        .config("spark.sql.maxPlanStringLength", "1000000")
        .getOrCreate()
    )
