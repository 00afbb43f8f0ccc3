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


@register.simple_tag(takes_context=True)
def measure_outcomes(context, measure, participation=None):
    """ "You said, we did" on a measure page: counts per public status and the contributions with status and
    reason (approved ones only, no personal data; a fixed number of queries)."""
    from participation.accountability import measure_outcomes as build

    request = context.get("request")
    if request is None or measure is None or not getattr(measure, "translation_key", None):
        return None
    return build(request, measure, participation or None)


@register.simple_tag(takes_context=True)
def participation_layer_url(context, page=None):
    """GeoJSON of the approved contributions for a map: all of them, or one measure's on a measure page."""
    from participation.models import ParticipationPage
    from projects.models import ProjectPage

    request = context.get("request")
    if request is None or page is None:
        return ""
    participation = ParticipationPage.objects.live().filter(locale_id=page.locale_id).first()
    if participation is None:
        return ""
    url = participation.get_url(request) + participation.reverse_subpage("geojson")
    if isinstance(page, ProjectPage):
        url += f"?measure={page.pk}"
    return url
