"""Run configuration: a TOML file whose tables override detector defaults.

Example::

    [detectors."spam.duplicate_posts"]
    min_copies = 4

    [detectors."spam.link_only"]
    enabled = false
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lockstep.errors import BadInputError


@dataclass
class Config:
    """Settings for one run; every field has a default so no file is needed."""

    detectors: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> Config:
        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise BadInputError("config file not found", path) from exc
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise BadInputError(f"not valid TOML: {exc}", path) from exc
        unknown = sorted(set(raw) - {"detectors"})
        if unknown:
            raise BadInputError(f"unknown settings: {', '.join(unknown)}", path)
        detectors = raw.get("detectors", {})
        if not isinstance(detectors, dict) or not all(
            isinstance(v, dict) for v in detectors.values()
        ):
            raise BadInputError("[detectors.NAME] tables expected", path)
        return cls(detectors=detectors)
