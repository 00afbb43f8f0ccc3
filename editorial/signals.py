"""Translators get their page permissions on a translation locale's home page as soon as it exists."""

from django.conf import settings
from django.dispatch import receiver
from wagtail.signals import page_published


@receiver(page_published, dispatch_uid="editorial_translation_home_permissions")
def grant_translation_home_permissions(sender, instance, **kwargs):
    if instance.depth == 2 and instance.locale.language_code != settings.LANGUAGE_CODE:
        from editorial.roles import apply_roles

        apply_roles()


@receiver(page_published, dispatch_uid="editorial_language_independent_facts")
def keep_facts_identical(sender, instance, **kwargs):
    from editorial.facts import on_page_published

    on_page_published(sender, instance, **kwargs)
