"""Amounts in the reader's format: 1.234.567 € in German, €1,234,567 in English (whole euros)."""

from decimal import ROUND_HALF_UP, Decimal

from django.utils import translation

NBSP = "\u00a0"


def format_euro(amount, language=None):
    if amount is None:
        return ""
    language = language or translation.get_language() or "de"
    value = int(Decimal(amount).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    digits = f"{abs(value):,}"
    sign = "-" if value < 0 else ""
    if language.startswith("de"):
        return f"{sign}{digits.replace(',', '.')}{NBSP}€"
    return f"{sign}€{digits}"
