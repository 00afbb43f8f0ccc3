from django.urls import path

from twofactor import views

urlpatterns = [
    path("", views.overview, name="twofactor_overview"),
    path("verify/", views.verify, name="twofactor_verify"),
    path("setup/", views.setup, name="twofactor_setup"),
    path("recovery-codes/", views.regenerate_codes, name="twofactor_regenerate_codes"),
    path("disable/", views.disable, name="twofactor_disable"),
]
