"""Background work, run by the django-tasks worker (`manage.py db_worker`).

Tasks receive ids only: the task queue (a database table) never holds names, e-mail addresses or messages,
and deleting a contribution leaves no copy behind.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from stadtteil.tasks import schedule_once

logger = logging.getLogger(__name__)

PURGE_INTERVAL = timedelta(days=1)


def notification_address():
    from wagtail.models import Site

    from participation.models import ParticipationSettings

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return ""
    address = ParticipationSettings.for_site(site).notification_email
    if not address:
        from stadtteil.models import SiteSettings

        address = SiteSettings.for_site(site).email
    return address


@task()
def notify_staff(contribution_id):
    """E-mail the configured address about a new contribution (message and admin link; no personal data)."""
    from participation.models import Contribution

    contribution = Contribution.objects.select_related("field_of_action", "measure").filter(pk=contribution_id).first()
    if contribution is None:  # deleted in the meantime
        return False
    address = notification_address()
    if not address:
        logger.warning("No notification address set in the participation settings; contribution %s", contribution_id)
        return False
    base = settings.SITE_URL.rstrip("/")
    edit_url = base + reverse("participation_contribution:edit", args=[contribution.pk])
    with translation.override(settings.LANGUAGE_CODE):
        context = {"contribution": contribution, "edit_url": edit_url}
        subject = render_to_string("participation/mail/new_contribution_subject.txt", context).strip()
        body = render_to_string("participation/mail/new_contribution.txt", context)
    EmailMessage(subject=subject, body=body, to=[address]).send()
    return True


@task()
def send_form_submission_mail(submission_id):
    """Wagtail's e-mail about a form page submission, sent by the worker instead of during the request."""
    from wagtail.contrib.forms.models import FormSubmission

    submission = FormSubmission.objects.filter(pk=submission_id).select_related("page").first()
    if submission is None:
        return False
    page = submission.page.specific
    if not page.to_address:
        return False
    form = page.get_form(submission.form_data, page=page)
    if not form.is_valid():
        # The page's fields changed since: send the stored values as they are.
        lines = [f"{key}: {value}" for key, value in submission.form_data.items()]
        content = "\n".join(lines)
    else:
        content = page.render_email(form)
    from wagtail.admin.mail import send_mail

    addresses = [address.strip() for address in page.to_address.split(",")]
    send_mail(page.subject or page.title, content, addresses, page.from_address)
    return True


def purge_expired(now=None, days=None):
    """Blank the personal data of contributions older than the retention period; returns how many."""
    from participation.models import Contribution

    now = now or timezone.now()
    days = settings.PARTICIPATION_RETENTION_DAYS if days is None else days
    cutoff = now - timedelta(days=days)
    return (
        Contribution.objects.with_personal_data()
        .filter(created_at__lt=cutoff)
        .update(contact_name="", contact_email="", reply_consent=False, personal_data_purged_at=now)
    )


@task()
def purge_personal_data():
    """Daily: blank expired personal data, then queue the next run."""
    purged = purge_expired()
    schedule_purge(PURGE_INTERVAL)
    return purged


def schedule_purge(delay=PURGE_INTERVAL):
    return schedule_once(purge_personal_data, delay)
