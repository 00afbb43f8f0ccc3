"""The neighbourhood fund in Chromium: apply with attachments → confirmation mail over SMTP → the private status
link → (after staff marked the project carried out) upload proof; German and English."""

import secrets

import pytest

from tests.documents.samples import PNG, sample

from .helpers import link_of, press

TEXT = {
    "de": {
        "apply": "/de/verfuegungsfonds/antrag/",
        "send": "Antrag absenden",
        "sent": "Vielen Dank! Wir haben Ihren Antrag erhalten",
        "status": "Stand Ihres Antrags",
        "upload": "Hochladen",
        "uploaded": "Vielen Dank! Wir haben Ihre Nachweise erhalten",
        "fund": "/de/verfuegungsfonds/",
    },
    "en": {
        "apply": "/en/neighbourhood-fund/apply/",
        "send": "Send application",
        "sent": "Thank you! We have received your application",
        "status": "Status of your application",
        "upload": "Upload",
        "uploaded": "Thank you! We have received your proof",
        "fund": "/en/neighbourhood-fund/",
    },
}

# Staff move the application on in the admin; here the same model method does it (each step mails the applicant).
CARRY_OUT = """
from fund.models import Application
application = Application.objects.get(email={email!r})
for status in ("review", "committee", "approved", "carried_out"):
    if status == "approved":
        application.approved_amount = application.requested_grant
        application.save(update_fields=["approved_amount"])
    application.change_status(status)
"""


def _fill(form, values):
    for name, value in values.items():
        form.locator(f"[name={name}]").fill(value)


@pytest.mark.parametrize("language", ["de", "en"])
def test_apply_status_and_proof(journey_site, context_factory, mailbox, tmp_path, language):
    text = TEXT[language]
    email = f"fund-{language}-{secrets.token_hex(4)}@example.org"
    title = f"Bücherschrank am Markt {secrets.token_hex(2)}"
    page = context_factory(locale="de-DE" if language == "de" else "en-GB").new_page()
    mark = mailbox.mark()
    (tmp_path / "kostenplan.pdf").write_bytes(sample("pdf"))
    (tmp_path / "skizze.png").write_bytes(PNG)

    page.goto(text["apply"])
    form = page.locator("main form.fund-form")
    applicant = form.locator("[name=applicant_type]")
    if applicant.first.evaluate("element => element.tagName") == "SELECT":
        applicant.select_option("club")
    else:
        form.locator("[name=applicant_type][value=club]").check()
    _fill(
        form,
        {
            "name": "Erika Muster",
            "organisation": "Heimatverein Heeren-Werve e. V.",
            "email": email,
            "title": title,
            "description": "Ein offener Bücherschrank für alle.",
            "goals": "Lesen und Begegnung im Zentrum.",
            "address": "Märkische Straße 1, 59174 Kamen",
            "start_date": "2027-04-01",
            "end_date": "2027-05-31",
            "total_cost": "2000",
            "own_contribution": "1000",
            "requested_grant": "1000",
        },
    )
    form.locator("input[type=file][name=attachments]").set_input_files(
        [str(tmp_path / "kostenplan.pdf"), str(tmp_path / "skizze.png")]
    )
    form.locator("input[name=consent]").check()
    press(page, text["send"], within=form)
    assert text["sent"] in page.locator("main").inner_text()
    ((application_id, status),) = journey_site.query("SELECT id, status FROM fund_application WHERE email = ?", email)
    assert status == "received"
    names = {
        row[0]
        for row in journey_site.query(
            "SELECT original_name FROM fund_attachment WHERE application_id = ?", application_id
        )
    }
    assert names == {"kostenplan.pdf", "skizze.png"}

    # The confirmation mail carries the private status link.
    message = mailbox.wait_for(to=email, after=mark)
    status_url = link_of(message, journey_site, text["fund"] + "status/")
    page.goto(status_url)
    assert text["status"] in page.locator("main").inner_text()
    assert title in page.locator("main").inner_text()

    # After the project: staff mark it carried out; the applicant uploads proof on the status page.
    journey_site.manage("shell", "-c", CARRY_OUT.format(email=email))
    page.goto(status_url)
    (tmp_path / "rechnung.pdf").write_bytes(sample("pdf"))
    proof = page.locator("main form.fund-form")
    proof.locator("input[type=file]").set_input_files([str(tmp_path / "rechnung.pdf"), str(tmp_path / "skizze.png")])
    press(page, text["upload"], within=proof)
    assert text["uploaded"] in page.locator("main").inner_text()
    assert "rechnung.pdf" in page.locator("main").inner_text()
    assert journey_site.query("SELECT status FROM fund_application WHERE id = ?", application_id)[0][0] == "proof"
