"""Country and sector accuracy of accord.actors.resolve_text on the NGEC actor-resolution cases.

Usage: python benchmarks/actors_eval.py [CASES_JSONL]   (default: ../shared/eval/ngec_actor_cases.jsonl)
"""

from __future__ import annotations

import json
import sys
from datetime import date, datetime
from pathlib import Path

from accord.actors import resolve_text

DEFAULT_CASES = Path(__file__).resolve().parents[2] / "shared" / "eval" / "ngec_actor_cases.jsonl"


RAW_DATE_FORMATS = ("%d %B %Y", "%B %d, %Y", "%Y-%m-%d")


def case_date(case: dict) -> date | None:
    """The as-of date of a case: ISO ``date``, else ``date_raw`` ("Today", "1 January 2003", "October 1, 2021")."""
    if case.get("date"):
        return date.fromisoformat(case["date"][:10])
    raw = (case.get("date_raw") or "").strip()
    if raw.lower() == "today":
        return date.today()
    for layout in RAW_DATE_FORMATS:
        try:
            return datetime.strptime(raw.title(), layout).date()
        except ValueError:
            continue
    return None


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_CASES
    scores = {"country": [0, 0], "sector": [0, 0]}
    for line in path.read_text(encoding="utf-8").splitlines():
        case = json.loads(line)
        expected = case["expected"]
        try:
            got = resolve_text(case["actor_text"], case_date(case), case.get("context") or None)
        except Exception as error:  # one bad case must not stop the measurement
            print(f"error on {case['id']}: {error}", file=sys.stderr)
            got = {}
        for field in scores:
            if field in expected:
                scores[field][1] += 1
                scores[field][0] += (got.get(field) or "") == (expected[field] or "")
    for field, (right, total) in scores.items():
        print(f"{field} accuracy: {right}/{total} = {right / max(total, 1):.1%}")


if __name__ == "__main__":
    main()
