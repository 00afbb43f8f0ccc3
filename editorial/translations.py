"""Which translations are out of date or incomplete, and the one-step sync.

A translation is incomplete while some of its German texts have no translation (new pages, partly translated
ones published on purpose, and texts changed in German since the last sync): the report lists it, with the
number of open texts, until every text is translated.

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
from django.db.models import Count, Exists, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from modelcluster.models import ClusterableModel, get_serializable_data_for_fields
from wagtail.models import Page, RevisionMixin
from wagtail.snippets.permissions import user_can_edit_snippet_type
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from editorial.roles import SUBMIT_TRANSLATION


@dataclass
class OutdatedSource:
    source: TranslationSource
    instance: object
    changed_at: datetime | None
    translations: list
    # True when the German source changed after the last sync (a sync takes the change over).
    changed: bool = True

    @property
    def missing(self):
        return sum(getattr(translation, "missing", 0) for translation in self.translations)

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


def missing_texts():
    """{translation id: number of German texts without a translation} for enabled, incomplete translations.

    One query; wagtail-localize's `Translation.get_progress()` counts the same, one translation at a time."""
    untranslated = (
        StringSegment.objects.filter(source_id=OuterRef("source_id"))
        .exclude(
            Exists(
                StringTranslation.objects.filter(
                    translation_of_id=OuterRef("string_id"),
                    context_id=OuterRef("context_id"),
                    locale_id=OuterRef(OuterRef("target_locale_id")),
                    has_error=False,
                )
            )
        )
        .order_by()
        .values("source_id")
        .annotate(count=Count("pk"))
        .values("count")
    )
    rows = (
        Translation.objects.filter(enabled=True)
        .annotate(missing=Coalesce(Subquery(untranslated, output_field=IntegerField()), 0))
        .filter(missing__gt=0)
        .values_list("pk", "missing")
    )
    return dict(rows)


def _source_instances(sources, page_types):
    """{source id: instance} for the given sources: pages in one query, snippets one by one (few)."""
    instances = {}
    page_sources = [source for source in sources if source.specific_content_type_id in page_types]
    if page_sources:
        pages = {
            (page.translation_key, page.locale_id): page
            for page in Page.objects.filter(translation_key__in=[s.object_id for s in page_sources]).specific()
        }
        for source in page_sources:
            page = pages.get((source.object_id, source.locale_id))
            if page is not None:
                instances[source.pk] = page
    for source in sources:
        if source.specific_content_type_id not in page_types:
            try:
                instances[source.pk] = source.get_source_instance()
            except ObjectDoesNotExist:
                continue
    return instances


def outdated_sources():
    """Every translation source with enabled translations whose source changed after the last sync, or with
    German texts that are not translated yet."""
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

    result = {}
    # Pages: one query, compared in the database.
    page_sources = sources.filter(specific_content_type_id__in=page_types).annotate(
        source_published_at=Subquery(published_at)
    )
    changed_pages = [s for s in page_sources if s.source_published_at and s.source_published_at > s.last_updated_at]
    for source, page in zip_instances(changed_pages, page_types):
        result[source.pk] = OutdatedSource(source, page, source.source_published_at, [])

    # Snippets: few records (field texts, categories), checked one by one.
    for source in sources.exclude(specific_content_type_id__in=page_types):
        try:
            instance = source.get_source_instance()
        except ObjectDoesNotExist:
            continue
        if isinstance(instance, RevisionMixin) and instance.latest_revision_id:
            changed_at = instance.latest_revision.created_at
            if changed_at > source.last_updated_at:
                result[source.pk] = OutdatedSource(source, instance, changed_at, [])
        elif json.loads(_content_json(instance)) != json.loads(source.content_json):
            result[source.pk] = OutdatedSource(source, instance, None, [])

    # Incomplete translations, whether or not their source changed since.
    missing = missing_texts()
    incomplete_ids = set(enabled.filter(pk__in=missing).values_list("source_id", flat=True)) - set(result)
    if incomplete_ids:
        incomplete = list(sources.filter(pk__in=incomplete_ids))
        for source, instance in zip_instances(incomplete, page_types):
            result[source.pk] = OutdatedSource(source, instance, None, [], changed=False)

    items = list(result.values())
    translations = Translation.objects.filter(enabled=True, source__in=[item.source for item in items])
    by_source = {}
    for translation in translations.select_related("target_locale"):
        translation.missing = missing.get(translation.pk, 0)
        by_source.setdefault(translation.source_id, []).append(translation)
    for item in items:
        item.translations = by_source.get(item.source.pk, [])
    items.sort(key=lambda item: item.title.lower())
    return items


def zip_instances(sources, page_types):
    instances = _source_instances(sources, page_types)
    return [(source, instances[source.pk]) for source in sources if source.pk in instances]


def user_can_sync(user):
    """The rule of wagtail-localize's own "Sync translated pages" view; sync_source also checks each target."""
    return user.is_active and (user.is_superuser or user.has_perm(SUBMIT_TRANSLATION))


def sync_source(source, user):
    """Update the source from the German object, then re-save every enabled translation.

    A live page is published again where the user may publish it and no German text would show on it (a changed
    text keeps its earlier translation until it is translated anew, editorial/localize.py); otherwise it is saved
    as a draft, and the live page keeps its English text. Returns a list of (target instance, published: bool).
    """
    from editorial.localize import untranslated_strings

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
            publish = target.live and permissions.can_publish() and not untranslated_strings(translation)
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
