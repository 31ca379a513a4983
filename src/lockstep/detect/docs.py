"""``docs/detectors.md`` rendered from the registered detectors themselves.

The page is generated from each detector's docstring, requirements and parameter docs, and a
golden test keeps the committed page equal to the rendering, so the documentation of a
parameter cannot drift from its default.
"""

from __future__ import annotations

import dataclasses
import inspect

from lockstep.behaviours import BEHAVIOURS
from lockstep.detect.base import Detector

HEADER = """# Detectors

One section per registered detector, generated from the code (`lockstep detectors` prints the
same list; regenerate this page with `pytest --regen-golden`). Each names the policy clause it
enforces, the signal it reads, its parameters with their defaults, the evidence a finding
carries and its known limits. Parameters are overridden in a TOML file passed to
`lockstep run --config`:

```toml
[detectors."spam.duplicate_posts"]
min_copies = 4
```
"""


def _section(cls: type[Detector]) -> list[str]:
    lines = [f"## `{cls.name}`", ""]
    lines.append(f"Version {cls.version}. Emits: " + ", ".join(f"`{b}`" for b in cls.behaviours))
    lines.append("")
    for code in cls.behaviours:
        lines.append(f"- Policy clause for `{code}` — {BEHAVIOURS[code].clause}.")
    needs = "; ".join(f"`{r.table}`: {', '.join(r.columns)}" for r in cls.requires)
    lines += [f"- Needs {needs}.", ""]
    doc = inspect.getdoc(cls) or ""
    lines += [doc, ""]
    lines += ["| parameter | default | meaning |", "|---|---|---|"]
    for fld in dataclasses.fields(cls):
        lines.append(f"| `{fld.name}` | `{fld.default!r}` | {fld.metadata.get('doc', '')} |")
    lines.append("")
    return lines


def render(classes: dict[str, type[Detector]]) -> str:
    """The whole page for ``classes`` (name → class), in name order."""
    lines = [HEADER]
    for _, cls in sorted(classes.items()):
        lines += _section(cls)
    return "\n".join(lines).rstrip() + "\n"
