"""The fund page's views: overview with the live budget and funded projects, the application form, and the
private status page (with the proof upload).

Form answers and the status page are private: never cached, no Referer to other sites (the status link carries a
secret).
"""

import logging

from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import (
    FileResponse,
    Http404,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
)
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fund import links, mail
from fund.forms import ApplicationForm, ProofForm
from fund.models import Application, Attachment, FundYear, budget_for, max_grant
from fund.storage import delete_files_on_failure
from places.formatting import format_euro
from places.maps import feature_collection, geojson_response, tile_settings
from stadtteil import collation, routing
from stadtteil.forms import form_page_response
from stadtteil.guards import RateLimit, refuse_oversized
from stadtteil.security import private_response

MAX_BODY_BYTES = 60 * 1024 * 1024  # five attachments of 10 MB plus the text fields
RATE_LIMIT = RateLimit("fund:apply", "FUND_RATE_PER_IP")
logger = logging.getLogger(__name__)
# A failed write (disk full): nothing is kept, the visitor is told to try again.
STORAGE_ERROR = gettext_lazy(
    "Your files could not be stored because of a technical problem. Nothing has been saved; please try again later."
)


def listed_applications():
    """The funded applications whose applicants agreed to be listed (the page calls them funded projects);
    never any personal data."""
    return (
        Application.objects.filter(status__in=Application.FUNDED_STATUSES, consent_publish=True)
        .select_related("photo")
        .prefetch_related("photo__renditions")
        .only(
            "title",
            "description",
            "address",
            "language",
            "approved_amount",
            "year",
            "status",
            "photo",
            "latitude",
            "longitude",
        )
        .order_by("-year", "title")
    )


def overview_context(page, request):
    year = timezone.localdate().year
    years = list(FundYear.objects.filter(year__lte=year)[:3])
    funded = listed_applications()
    return {
        **tile_settings(),
        "geojson_url": page.get_url(request) + page.reverse_subpage("geojson"),
        "has_map": funded.exclude(latitude=None).exclude(longitude=None).exists(),
        "budgets": [budget_for(fund_year.year, fund_year.budget) for fund_year in years],
        # Newest year first, then alphabetically as German readers expect ("Ä" with "A", not after "Z").
        "funded": sorted(funded, key=lambda project: (-project.year, collation.sort_key(project.title))),
        "apply_url": page.apply_url(request),
        "max_grant": max_grant(),
    }


def apply(page, request):
    language = page.locale.language_code
    alternate = routing.alternates(page, "apply", request)
    error = None
    status = 200
    if request.method == "POST":
        refuse_oversized(request, MAX_BODY_BYTES)
        form = ApplicationForm(request.POST, request.FILES)
        if RATE_LIMIT.hit(request):
            error, status = _("Too many applications from your connection. Please try again in an hour."), 429
        elif form.is_bot:
            # Same answer as a real application; nothing stored, nothing sent.
            return private_response(HttpResponseRedirect(page.apply_url(request) + "?sent=1"))
        elif form.is_valid():
            try:
                with delete_files_on_failure():
                    submit(form, language)
            except OSError:
                # Disk full or unwritable: nothing is kept (no row, no file); the form keeps what was typed.
                logger.exception("Storing a fund application failed")
                error, status = STORAGE_ERROR, 503
            else:
                return private_response(HttpResponseRedirect(page.apply_url(request) + "?sent=1"))
    elif request.method in ("GET", "HEAD"):
        form = ApplicationForm()
    else:
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    return private_response(form_page_response(page, request, "fund/apply.html", form, alternate, error, status))


@transaction.atomic
def submit(form, language):
    application = form.save(commit=False)
    application.language = language
    application.save()
    application.status_changes.create(to_status=Application.Status.RECEIVED)
    for file in form.cleaned_data["attachments"]:
        Attachment.objects.create(application=application, file=file, original_name=file.name[:200])
    mail.send_confirmation_on_commit(application)
    return application


def status(page, request, value):
    alternate = routing.alternates(page, "status", request, kwargs=links.status_kwargs(value))
    context = page.get_context(request)
    context["alternate_urls"] = alternate

    def render(extra, code=200):
        context.update(extra)
        return private_response(TemplateResponse(request, "fund/status.html", context, status=code))

    try:
        pk, reference = links.read_status_value(value)
    except signing.SignatureExpired:
        return render({"problem": "expired"}, 410)
    except signing.BadSignature:
        return render({"problem": "invalid"}, 400)
    application = Application.objects.filter(pk=pk, reference=reference, purged_at__isnull=True).first()
    if application is None:
        # Purged after the retention period (or deleted on request).
        return render({"problem": "unknown"}, 404)
    can_upload = application.status == Application.Status.CARRIED_OUT
    form = None
    uploaded = request.GET.get("uploaded") == "1"
    if request.method == "POST":
        if not can_upload:
            return render({"application": application, "problem_upload": True}, 409)
        refuse_oversized(request, MAX_BODY_BYTES)
        form = ProofForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                with delete_files_on_failure(), transaction.atomic():
                    for file in form.cleaned_data["files"]:
                        Attachment.objects.create(
                            application=application,
                            kind=Attachment.Kind.PROOF,
                            file=file,
                            original_name=file.name[:200],
                        )
                    # No user: the applicant did it through the status link.
                    application.change_status(Application.Status.PROOF)
            except OSError:
                logger.exception("Storing proof of a fund application failed")
                application.refresh_from_db()
                form.add_error(None, STORAGE_ERROR)
                return render(
                    {"application": application, "history": application.status_changes.all(), "form": form,
                     "uploaded": False, "proofs": application.attachments.filter(kind=Attachment.Kind.PROOF)},
                    503,
                )  # fmt: skip
            return private_response(HttpResponseRedirect(request.path + "?uploaded=1"))
    elif request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    elif can_upload:
        form = ProofForm()
    history = application.status_changes.all()
    proofs = application.attachments.filter(kind=Attachment.Kind.PROOF)
    return render(
        {"application": application, "history": history, "form": form, "uploaded": uploaded, "proofs": proofs}
    )


def attachment_response(attachment):
    """The private file as a download: never rendered inline (nosniff, attachment), never cached."""
    try:
        handle = attachment.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    response = FileResponse(handle, as_attachment=True, filename=attachment.original_name)
    response["X-Content-Type-Options"] = "nosniff"
    return private_response(response)


def status_attachment(page, request, value, pk):
    """A file of the application, for the holder of its valid status link."""
    try:
        application_pk, reference = links.read_status_value(value)
    except signing.BadSignature:  # includes SignatureExpired
        raise Http404 from None
    attachment = (
        Attachment.objects.filter(
            pk=pk,
            application__pk=application_pk,
            application__reference=reference,
            application__purged_at__isnull=True,
        )
        .exclude(file="")
        .first()
    )
    if attachment is None:
        raise Http404
    return attachment_response(attachment)


def admin_attachment(request, pk):
    """A file of an application, for staff who may see applications (linked from the admin edit view)."""
    if not (request.user.has_perm("fund.change_application") or request.user.has_perm("fund.view_application")):
        raise PermissionDenied
    attachment = Attachment.objects.filter(pk=pk).exclude(file="").first()
    if attachment is None:
        raise Http404
    return attachment_response(attachment)


def geojson(page, request):
    """Funded projects with a map point (and the applicant's consent), for the map layer."""

    def properties(project):
        return {
            "title": project.title,
            "language": project.language,  # the applicant's words: marked with lang in the popup
            "url": "",
            "colour": "#b35c00",
            # Names the measures map script expects for the popup's second line.
            "field_of_action": _("Grant: %(amount)s") % {"amount": format_euro(project.approved_amount)},
            "status_label": str(project.year),
            "grant": float(project.approved_amount or 0),
            "year": project.year,
        }

    located = listed_applications().exclude(latitude=None).exclude(longitude=None)
    return geojson_response(feature_collection(located, properties))
