"""Mails to applicants, in the language they applied in: the confirmation and one per status change."""

from functools import partial

from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from fund import links


def _send(application, template, subject):
    with translation.override(application.language):
        context = {"application": application, "status_url": links.status_url(application)}
        body = render_to_string(f"fund/mail/{template}.txt", context)
        send_mail(f"{subject} – {application.reference}", body, None, [application.email])


def send_confirmation(application):
    _send(application, "confirmation", _("Your application to the neighbourhood fund"))


def send_status_mail(application):
    _send(application, "status", _("News about your application to the neighbourhood fund"))


def send_confirmation_on_commit(application):
    transaction.on_commit(partial(send_confirmation, application))


def send_status_mail_on_commit(application):
    transaction.on_commit(partial(send_status_mail, application))
