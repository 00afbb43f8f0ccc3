"""Language-neutral URLs of the measures app: the DCAT-AP.de catalogue of the site's open data (German and English
in one graph, so one address for harvesters)."""

from django.urls import path

from projects import catalogue

urlpatterns = [
    path("katalog", catalogue.catalogue, name="catalogue"),
    path("katalog.ttl", catalogue.catalogue_turtle, name="catalogue_ttl"),
    path("katalog.jsonld", catalogue.catalogue_jsonld, name="catalogue_jsonld"),
]
