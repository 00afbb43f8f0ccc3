"""Wagtail's database search backend, with one PostgreSQL text search configuration per language.

On PostgreSQL each page is indexed with the configuration of its locale (German pages with "german", so that
"Spielplätze" and "Spielplatz" share the stem "spielplatz") and each document with that of its own language;
the search page queries with the configuration of the active language. On SQLite and other databases this is
exactly Wagtail's database backend.

Settings: WAGTAILSEARCH_BACKENDS["default"] = {"BACKEND": "documents.search_backend",
"SEARCH_CONFIG": "simple", "LANGUAGE_CONFIGS": {"de": "german", "en": "english"}}
"""

import copy

from django.db import connection
from modelsearch.backends.database import SearchBackend as database_search_backend


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    if connection.vendor == "postgresql":
        from modelsearch.backends.database.postgres.postgres import PostgresIndex, PostgresSearchBackend

        class LanguageIndex(PostgresIndex):
            def add_items(self, model, objs):
                groups = {}
                for obj in objs:
                    groups.setdefault(self.backend.config_for_object(obj), []).append(obj)
                backend = self.backend
                try:
                    for config, group in groups.items():
                        # ObjectIndexer reads the configuration from the backend it is given.
                        self.backend = backend.with_config(config)
                        super().add_items(model, group)
                finally:
                    self.backend = backend

        class LanguagePostgresSearchBackend(PostgresSearchBackend):
            index_class = LanguageIndex

            def __init__(self, params):
                super().__init__(params)
                self.language_configs = dict(params.get("LANGUAGE_CONFIGS", {}))
                self._locale_codes = None

            def with_config(self, config):
                clone = copy.copy(self)
                clone.config = config
                return clone

            def for_language(self, language_code):
                return self.with_config(self.language_configs.get(language_code.split("-")[0], self.config))

            def config_for_object(self, obj):
                language = getattr(obj, "language", None)
                locale_id = getattr(obj, "locale_id", None)
                if locale_id is not None:
                    if self._locale_codes is None or locale_id not in self._locale_codes:
                        from wagtail.models import Locale

                        self._locale_codes = dict(Locale.objects.values_list("pk", "language_code"))
                    language = self._locale_codes.get(locale_id)
                if not isinstance(language, str):
                    return self.config
                return self.language_configs.get(language.split("-")[0], self.config)

        return LanguagePostgresSearchBackend(params)
    return database_search_backend(params)
