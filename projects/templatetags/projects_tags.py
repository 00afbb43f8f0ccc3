from django import template

from projects.formatting import format_euro

register = template.Library()


@register.filter
def euro(amount):
    return format_euro(amount)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.simple_tag
def participation_levels():
    """The participation levels with what each means for residents (label, meaning), in the active language."""
    from projects.models import PARTICIPATION_LEVEL_MEANINGS, ParticipationLevel

    return [(label, PARTICIPATION_LEVEL_MEANINGS[value]) for value, label in ParticipationLevel.choices]
