"""The City of London (Ontario) council family: eScribe meeting records as JSON (``reader``)."""

from .reader import READER_NAME, READER_VERSION, read

__all__ = ["READER_NAME", "READER_VERSION", "read"]
