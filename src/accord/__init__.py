"""accord: political event data from raw English news text."""

__version__ = "0.1.0"
