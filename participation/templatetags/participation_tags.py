from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def measure_feedback(context, measure):
    """The short "Ihre Meinung" form and the approved contributions of a measure (a few queries, any count)."""
    from participation.views import measure_feedback as build

    request = context.get("request")
    if request is None or measure is None:
        return None
    return build(request, measure)
