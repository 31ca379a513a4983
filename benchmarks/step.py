"""One benchmark step, run by ``run.py`` in a child process of its own.

    python benchmarks/step.py synth --data DIR --accounts N --days D --seed S --result FILE
    python benchmarks/step.py run   --data DIR --out DIR --result FILE
    python benchmarks/step.py eval  --data DIR --out DIR --result FILE

It calls the same library functions the command line does and writes what they returned,
plus the seconds spent inside them (imports excluded), as JSON to ``--result``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def synth(args: argparse.Namespace) -> dict[str, Any]:
    from lockstep.progress import NullProgress
    from lockstep.synth import synthesise

    start = time.perf_counter()
    rows = synthesise(
        accounts=args.accounts,
        days=args.days,
        seed=args.seed,
        out=args.data,
        progress=NullProgress(),
    )
    return {"seconds": time.perf_counter() - start, "rows": dict(rows)}


def run(args: argparse.Namespace) -> dict[str, Any]:
    from lockstep.pipeline import run as run_pipeline

    start = time.perf_counter()
    result = run_pipeline(args.data, args.out)
    return {"seconds": time.perf_counter() - start, "summary": result.summary}


def evaluate(args: argparse.Namespace) -> dict[str, Any]:
    from lockstep.evaluate import evaluate as score

    start = time.perf_counter()
    result = score(args.data, args.out)
    return {"seconds": time.perf_counter() - start, "evaluation": result.to_dict()}


STEPS: dict[str, Callable[[argparse.Namespace], dict[str, Any]]] = {
    "synth": synth,
    "run": run,
    "eval": evaluate,
}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("step", choices=sorted(STEPS))
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--accounts", type=int)
    parser.add_argument("--days", type=int)
    parser.add_argument("--seed", type=int)
    parser.add_argument("--result", type=Path, required=True)
    args = parser.parse_args(argv)
    outcome = STEPS[args.step](args)
    args.result.write_text(json.dumps(outcome, indent=2, sort_keys=True, default=str) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
