from django import template

from places.formatting import format_euro

register = template.Library()


@register.filter
def euro(amount):
    return format_euro(amount)
