"""Sorani algorithms too small to be data (the data is in the TSV files beside this)."""

from __future__ import annotations


def transliterate(text: str) -> str:
    """Latin-script Sorani (Hawar-style, simplified) by AsoSoft's transliterator."""
    import asosoft  # lazily: only needed for display names

    return asosoft.Ar2LaSimple(text)
