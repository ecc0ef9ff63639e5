"""accord's versioned data files (TSV with a header row; see README.md in this folder)."""

import csv
from importlib import resources


def read_table(name: str) -> list[dict[str, str]]:
    """Rows of a TSV data file shipped in accord/data, e.g. ``read_table("cameo.tsv")``."""
    with resources.files(__name__).joinpath(name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))
