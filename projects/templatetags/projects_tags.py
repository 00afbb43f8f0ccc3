from django import template

register = template.Library()


@register.simple_tag
def participation_levels():
    """The participation levels with what each means for residents (label, meaning), in the active language."""
    from projects.models import PARTICIPATION_LEVEL_MEANINGS, ParticipationLevel

    return [(label, PARTICIPATION_LEVEL_MEANINGS[value]) for value, label in ParticipationLevel.choices]
