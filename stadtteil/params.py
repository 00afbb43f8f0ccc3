"""Numbers from query strings and URL parts, parsed in one place.

`str.isdigit()` is true for "²²²²" and "٣" (which `int()` then rejects or reads), and "0000" is a year no date
has: every view reads numbers through `parse_int`, which accepts ASCII digits within bounds and otherwise says
None, so that a crafted value gives a normal page or a 404, never a 500.
"""

MAX_ID = 2**31 - 1  # page and object ids are 32-bit integers on PostgreSQL
MIN_YEAR, MAX_YEAR = 1, 9999  # what Python's and the databases' dates can hold


def parse_int(raw, minimum=0, maximum=MAX_ID):
    """The integer written in `raw` (ASCII digits only, at most 10 of them) if minimum <= it <= maximum, else None."""
    if not isinstance(raw, str) or not raw.isascii() or not raw.isdigit() or len(raw) > 10:
        return None
    value = int(raw)
    return value if minimum <= value <= maximum else None


def query_int(request, name, minimum=0, maximum=MAX_ID):
    """`?name=` of the request as an integer within bounds, or None when missing or invalid."""
    return parse_int(request.GET.get(name, ""), minimum, maximum)


def parse_year(raw):
    return parse_int(raw, MIN_YEAR, MAX_YEAR)


def parse_id(raw):
    return parse_int(raw, 1, MAX_ID)
