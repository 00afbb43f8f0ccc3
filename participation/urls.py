"""Included under the language prefix (/de/participation/…, /en/participation/…), before the page tree."""

from django.urls import path

from participation import views

app_name = "participation"

urlpatterns = [
    path("send/", views.send_from_measure, name="send"),
]
