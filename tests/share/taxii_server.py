"""Run medallion (the OASIS TAXII 2.1 reference server, memory backend) for the tests:
``python taxii_server.py CONFIG PORT``, on 127.0.0.1 only.

medallion 3.0.0 predates STIX 2.1's extension-definition objects: its memory backend reads
any object's ``version`` property as a manifest version timestamp, so an
extension-definition (whose ``version`` is "1.0.0") breaks every read of the collection.
Manifest entries have no ``type``; STIX objects always do, so the one function that picks
an object's version is patched to read ``version`` only from manifest entries.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import medallion
from medallion import common
from medallion.backends import memory_backend
from medallion.filters import basic_filter

_original = common.find_att


def find_att(obj: dict[str, Any]) -> Any:
    if "type" in obj and "version" in obj:
        obj = {k: v for k, v in obj.items() if k != "version"}
    return _original(obj)


for module in (common, memory_backend, basic_filter):
    module.find_att = find_att  # type: ignore[attr-defined]


def main() -> None:
    config_path, port = sys.argv[1], int(sys.argv[2])
    config = json.loads(Path(config_path).read_text(encoding="utf-8"))
    app = medallion.application_instance
    for part in ("users", "taxii", "backend"):
        medallion.set_config(app, part, config)
    medallion.register_blueprints(app)
    app.run(host="127.0.0.1", port=port, debug=False, use_reloader=False)


if __name__ == "__main__":
    main()
