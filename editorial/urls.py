from django.urls import path

from editorial import views

app_name = "editorial"
urlpatterns = [
    path("outdated-translations/", views.OutdatedTranslationsView.as_view(), name="outdated_translations"),
    path("outdated-translations/<int:source_id>/sync/", views.sync_translation, name="sync_translation"),
]
