"""Which translations are out of date, and the one-step sync.

A translation is out of date when its German source changed after the source was last synced
(`TranslationSource.last_updated_at`, set by wagtail-localize whenever it extracts the source):

- pages: the source page was published after that (`last_published_at`); unpublished drafts do not count,
  because a sync reads the published version;
- snippets with revisions: their latest revision is newer;
- other snippets (no timestamps): their current content differs from the content stored in the source.
"""

import json
from dataclasses import dataclass
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import OuterRef, Subquery
from modelcluster.models import ClusterableModel, get_serializable_data_for_fields
from wagtail.models import Page, RevisionMixin
from wagtail.snippets.permissions import user_can_edit_snippet_type
from wagtail_localize.models import Translation, TranslationSource

from editorial.roles import SUBMIT_TRANSLATION


@dataclass
class OutdatedSource:
    source: TranslationSource
    instance: object
    changed_at: datetime | None
    translations: list

    @property
    def is_page(self):
        return isinstance(self.instance, Page)

    @property
    def title(self):
        if self.is_page:
            return self.instance.get_admin_display_title()
        return str(self.instance)

    @property
    def type_label(self):
        return self.instance._meta.verbose_name


def _page_content_type_ids():
    return [ct.pk for ct in ContentType.objects.all() if (model := ct.model_class()) and issubclass(model, Page)]


def _content_json(instance):
    if isinstance(instance, ClusterableModel):
        return instance.to_json()
    return json.dumps(get_serializable_data_for_fields(instance), cls=DjangoJSONEncoder)


def outdated_sources():
    """Every translation source with enabled translations whose source changed after the last sync."""
    enabled = Translation.objects.filter(enabled=True)
    sources = (
        TranslationSource.objects.filter(translations__in=enabled)
        .distinct()
        .select_related("locale", "specific_content_type")
        .order_by("object_repr")
    )
    page_types = _page_content_type_ids()
    published_at = Page.objects.filter(translation_key=OuterRef("object_id"), locale_id=OuterRef("locale_id")).values(
        "last_published_at"
    )[:1]

    result = []
    # Pages: one query, compared in the database.
    page_sources = sources.filter(specific_content_type_id__in=page_types).annotate(
        source_published_at=Subquery(published_at)
    )
    changed_pages = [s for s in page_sources if s.source_published_at and s.source_published_at > s.last_updated_at]
    if changed_pages:
        pages = {
            (p.translation_key, p.locale_id): p
            for p in Page.objects.filter(translation_key__in=[s.object_id for s in changed_pages]).specific()
        }
        for source in changed_pages:
            page = pages.get((source.object_id, source.locale_id))
            if page is not None:
                result.append(OutdatedSource(source, page, source.source_published_at, []))

    # Snippets: few records (field texts, categories), checked one by one.
    for source in sources.exclude(specific_content_type_id__in=page_types):
        try:
            instance = source.get_source_instance()
        except ObjectDoesNotExist:
            continue
        if isinstance(instance, RevisionMixin) and instance.latest_revision_id:
            changed_at = instance.latest_revision.created_at
            if changed_at > source.last_updated_at:
                result.append(OutdatedSource(source, instance, changed_at, []))
        elif json.loads(_content_json(instance)) != json.loads(source.content_json):
            result.append(OutdatedSource(source, instance, None, []))

    translations = Translation.objects.filter(enabled=True, source__in=[item.source for item in result])
    by_source = {}
    for translation in translations.select_related("target_locale"):
        by_source.setdefault(translation.source_id, []).append(translation)
    for item in result:
        item.translations = by_source.get(item.source.pk, [])
    result.sort(key=lambda item: item.title.lower())
    return result


def user_can_sync(user):
    """The rule of wagtail-localize's own "Sync translated pages" view; sync_source also checks each target."""
    return user.is_active and (user.is_superuser or user.has_perm(SUBMIT_TRANSLATION))


def sync_source(source, user):
    """Update the source from the German object, then re-save every enabled translation.

    Pages are published where the user may publish the translation, else saved as a draft for Freigabe.
    Returns a list of (target instance, published: bool).
    """
    if not user_can_sync(user):
        raise PermissionDenied
    source.update_from_db()
    results = []
    for translation in source.translations.filter(enabled=True).select_related("target_locale"):
        try:
            target = translation.get_target_instance()
        except ObjectDoesNotExist:
            target = None
        if isinstance(target, Page):
            permissions = target.permissions_for_user(user)
            if not permissions.can_edit():
                continue
            publish = permissions.can_publish()
        elif target is not None:
            if not user_can_edit_snippet_type(user, type(target)):
                continue
            # Snippets without draft support can only be saved "published".
            publish = True
        else:
            publish = True
        translation.save_target(user=user, publish=publish)
        results.append((translation.get_target_instance(), publish))
    return results
