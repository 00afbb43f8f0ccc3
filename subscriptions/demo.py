"""Demo content of the subscriptions app: the newsletter page in German and English."""

from stadtteil.demo import Demo
from subscriptions.models import NewsletterPage


def load(demo: Demo):
    demo.translated_page(
        NewsletterPage,
        ("newsletter", "newsletter"),
        ("Newsletter", "Newsletter"),
        intro=(
            "<p>Sie möchten wissen, was in Heeren-Werve passiert? Wir schicken Ihnen eine E-Mail, sobald wir "
            "Neuigkeiten, Termine oder neue Dokumente veröffentlichen – zu den Themen, die Sie auswählen.</p>",
            "<p>Would you like to know what is happening in Heeren-Werve? We send you an e-mail as soon as we "
            "publish news, events or new documents – on the topics you choose.</p>",
        ),
        note=True,
        show_in_menus=False,
        search_description=demo.t(
            "Neuigkeiten, Termine und Dokumente aus Heeren-Werve per E-Mail.",
            "News, events and documents from Heeren-Werve by e-mail.",
        ),
    )
