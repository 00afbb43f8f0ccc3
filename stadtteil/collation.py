"""Alphabetical order as German readers expect it ("Bäckerei" before "Buchladen", not after "Zahnarzt"): the
Unicode Collation Algorithm (pyuca, pure Python), which also suits English. Databases sort by code points."""

from functools import cache


@cache
def _collator():
    from pyuca import Collator

    return Collator()  # reads the default collation table once per process (about 0.5 s)


def sort_key(text):
    return _collator().sort_key(text or "")


def sorted_by(items, attribute):
    """The items sorted alphabetically by one of their attributes."""
    return sorted(items, key=lambda item: sort_key(getattr(item, attribute)))
