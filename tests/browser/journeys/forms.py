"""Which journey submits which kind of `<form method="post">` of the site (test_every_form_is_walked.py checks
every form found on the served pages against this list, and that each named journey exists).

Keys are regular expressions over the form's target path (its action resolved against the page's URL, without
the query string); values are "module::test" of the journey that presses that form's button in Chromium.
"""

JOURNEY_FORMS = {
    # The newsletter page's own form and the confirmation, preferences and unsubscribe pages behind mail links.
    r"^/(de|en)/newsletter/$": "test_newsletter::test_subscribe_confirm_change_and_unsubscribe",
    r"^/(de|en)/newsletter/confirm/[^/]+/$": "test_newsletter::test_subscribe_confirm_change_and_unsubscribe",
    r"^/(de|en)/newsletter/preferences/[^/]+/$": "test_newsletter::test_subscribe_confirm_change_and_unsubscribe",
    r"^/(de|en)/newsletter/unsubscribe/[^/]+/$": "test_newsletter::test_subscribe_confirm_change_and_unsubscribe",
    # The follow form on measure pages (token-less, like the footer form).
    r"^/(de|en)/newsletter/follow/$": "test_follow::test_follow_a_measure_and_receive_its_next_change_note",
    # The token-less footer form on every page.
    r"^/(de|en)/newsletter/subscribe/$": "test_newsletter::test_footer_form_sends_the_confirmation",
    # Participation: the page's full form, the short form on measure pages, survey form pages.
    r"^/de/beteiligung/$|^/en/participation/$": "test_participation::test_idea_with_a_place_chosen_by_keyboard",
    r"^/(de|en)/participation/send/$": "test_participation::test_opinion_on_a_measure_page",
    r"^/de/beteiligung/umfrage-[^/]+/$|^/en/participation/survey-[^/]+/$": "test_participation::test_survey",
    # The neighbourhood fund: application with attachments, proof upload on the status page.
    r"^/de/verfuegungsfonds/antrag/$|^/en/neighbourhood-fund/apply/$": "test_fund::test_apply_status_and_proof",
    r"^/(de/verfuegungsfonds|en/neighbourhood-fund)/status/[^/]+/[^/]+/[^/]+/$": (
        "test_fund::test_apply_status_and_proof"
    ),
    # The directory's proposal form.
    r"^/de/schaetze-im-dorf/vorschlagen/$|^/en/directory/propose/$": "test_directory::test_propose_an_entry",
}
