"""accord's versioned data files (TSV with a header row; see README.md in this folder)."""

import csv
from importlib import resources


def read_table(name: str) -> list[dict[str, str]]:
    """Rows of a TSV data file shipped in accord/data, e.g. ``read_table("cameo.tsv")``.

    Cells are taken as written: no quoting (patterns and notes may contain quotes); a missing
    cell at the end of a row reads as "".
    """
    with resources.files(__name__).joinpath(name).open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE, restval="")
        return [row for row in rows if any(row.values())]
