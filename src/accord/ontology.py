"""CAMEO codes (name, Goldstein score, quad class) and their PLOVER type, mode and context."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .data import read_table


@dataclass(frozen=True, slots=True)
class Code:
    code: str
    name: str
    goldstein: float
    root: str
    quad_class: int
    plover: str | None
    plover_mode: str | None
    plover_context: tuple[str, ...]


class Ontology:
    def __init__(self):
        plover = {row["cameo"]: row for row in read_table("cameo_plover.tsv")}
        self.codes: dict[str, Code] = {}
        for row in read_table("cameo.tsv"):
            mapped = self._nearest(plover, row["code"])
            self.codes[row["code"]] = Code(
                code=row["code"],
                name=row["name"],
                goldstein=float(row["goldstein"]),
                root=row["root"],
                quad_class=int(row["quad_class"]),
                plover=(mapped or {}).get("plover") or None,
                plover_mode=(mapped or {}).get("mode") or None,
                plover_context=tuple(c for c in (mapped or {}).get("context", "").split("|") if c),
            )

    @staticmethod
    def _nearest(table: dict[str, dict], code: str) -> dict | None:
        """The mapping of the code, else of its parent: 0431 falls back to 043, then to 04's 040."""
        for candidate in (code, code[:3], code[:2] + "0"):
            if candidate in table:
                return table[candidate]
        return None

    def __getitem__(self, code: str) -> Code:
        return self.codes[code]

    def __contains__(self, code: str) -> bool:
        return code in self.codes


@lru_cache(maxsize=1)
def ontology() -> Ontology:
    return Ontology()
