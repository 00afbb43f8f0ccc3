"""A place on the map: the coordinates shared by measures, fund applications, directory entries and contributions.

Abstract, so each model keeps its own table and its columns `latitude` and `longitude` (no migration).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


def point_errors(latitude, longitude):
    """Both coordinates or none, each within its range (WGS 84): the errors by field name, empty if all is well."""
    errors = {}
    if (latitude is None) != (longitude is None):
        errors["longitude" if longitude is None else "latitude"] = _("Enter both latitude and longitude, or neither.")
    if latitude is not None and not -90 <= latitude <= 90:
        errors["latitude"] = _("The latitude must be between -90 and 90 degrees.")
    if longitude is not None and not -180 <= longitude <= 180:
        errors["longitude"] = _("The longitude must be between -180 and 180 degrees.")
    return errors


class Point(models.Model):
    """Optional coordinates in decimal degrees; `clean()` (admin and model forms) checks them with point_errors."""

    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        errors = point_errors(self.latitude, self.longitude)
        if errors:
            raise ValidationError(errors)

    @property
    def has_location(self):
        return self.latitude is not None and self.longitude is not None
