"""The detector registry.

Detectors are found through the ``lockstep.detectors`` entry-point group. The core lists
its own detectors there too (see ``pyproject.toml``), so a plugin package registers a
detector exactly the way the core does, and nothing in the core is special-cased.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from importlib.metadata import entry_points
from typing import Any

from lockstep.detect.base import Detector

GROUP = "lockstep.detectors"


class RegistryError(ValueError):
    """A detector could not be loaded or configured."""


def available() -> dict[str, type[Detector]]:
    """Every registered detector class by name, in name order."""
    found: dict[str, type[Detector]] = {}
    for ep in entry_points(group=GROUP):
        cls = ep.load()
        if not (isinstance(cls, type) and issubclass(cls, Detector)):
            raise RegistryError(f"entry point {ep.name!r} is not a Detector subclass")
        if cls.name != ep.name:
            raise RegistryError(f"entry point {ep.name!r} loads a detector named {cls.name!r}")
        found[ep.name] = cls
    return dict(sorted(found.items()))


def _check_types(cls: type[Detector], params: Mapping[str, Any]) -> None:
    """Reject a setting whose type differs from the parameter default's (int fits float)."""
    defaults = {f.name: f.default for f in dataclasses.fields(cls)}
    for key, value in params.items():
        if key not in defaults:
            known = ", ".join(sorted(defaults)) or "none"
            raise RegistryError(f"detector {cls.name}: unknown parameter {key!r} (known: {known})")
        default = defaults[key]
        if default is None or default is dataclasses.MISSING:
            continue
        expected = type(default)
        ok = isinstance(value, expected) and not (isinstance(value, bool) and expected is not bool)
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            ok = True
        if not ok:
            raise RegistryError(
                f"detector {cls.name}: parameter {key!r} must be {expected.__name__}, got {value!r}"
            )


def build(settings: Mapping[str, Mapping[str, Any]] | None = None) -> list[Detector]:
    """Instantiate every registered detector with ``settings[name]`` overriding defaults.

    A detector whose settings contain ``enabled = false`` is left out (see ``disabled``).
    """
    settings = settings or {}
    classes = available()
    unknown = sorted(set(settings) - set(classes))
    if unknown:
        raise RegistryError(f"settings name unknown detectors: {', '.join(unknown)}")
    out: list[Detector] = []
    for name, cls in classes.items():
        params = dict(settings.get(name, {}))
        if not params.pop("enabled", True):
            continue
        _check_types(cls, params)
        out.append(cls(**params))
    return out


def disabled(settings: Mapping[str, Mapping[str, Any]] | None) -> list[str]:
    """Names of detectors that ``settings`` switch off with ``enabled = false``."""
    return sorted(n for n, s in (settings or {}).items() if s.get("enabled", True) is False)
