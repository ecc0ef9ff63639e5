"""accord: political event data from raw English news text.

    >>> import accord
    >>> coder = accord.load()
    >>> article = coder("Peru's foreign minister met Vietnam's ambassador in Lima on Monday.",
    ...                 date=datetime.date(2022, 4, 13))
    >>> [(e.cameo, e.source.text, e.target.text) for e in article.events]
"""

__version__ = "0.1.0"


def load(*args, **kwargs):
    """The ready coder (see accord.pipeline.Coder); imported on use so the CLI starts fast."""
    from .pipeline import load as load_coder

    return load_coder(*args, **kwargs)
