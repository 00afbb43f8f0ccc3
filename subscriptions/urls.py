"""Links from e-mails; included under the language prefix (/de/newsletter/…, /en/newsletter/…)."""

from django.urls import path

from subscriptions import views

app_name = "subscriptions"

urlpatterns = [
    path("subscribe/", views.footer_subscribe, name="subscribe"),
    path("follow/", views.follow_view, name="follow"),
    path("confirm/<str:value>/", views.confirm, name="confirm"),
    path("preferences/<str:token>/", views.preferences, name="preferences"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
