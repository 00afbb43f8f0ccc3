"""Demo content of the subscriptions app: the newsletter page in German and English."""

from stadtteil.demo import EXAMPLE_NOTE_DE, EXAMPLE_NOTE_EN, Demo
from subscriptions.models import NewsletterPage


def load(demo: Demo):
    t = demo.t
    page = demo.page(
        demo.de_home,
        NewsletterPage,
        t("newsletter", "newsletter"),
        title=t("Newsletter", "Newsletter"),
        show_in_menus=False,
        intro=t(
            "<p>Sie möchten wissen, was in Heeren-Werve passiert? Wir schicken Ihnen eine E-Mail, sobald wir "
            "Neuigkeiten, Termine oder neue Dokumente veröffentlichen – zu den Themen, die Sie auswählen.</p>"
            f"<p><i>{EXAMPLE_NOTE_DE}</i></p>",
            "<p>Would you like to know what is happening in Heeren-Werve? We send you an e-mail as soon as we "
            "publish news, events or new documents – on the topics you choose.</p>"
            f"<p><i>{EXAMPLE_NOTE_EN}</i></p>",
        ),
        search_description=t(
            "Neuigkeiten, Termine und Dokumente aus Heeren-Werve per E-Mail.",
            "News, events and documents from Heeren-Werve by e-mail.",
        ),
    )
    demo.translate(page)
