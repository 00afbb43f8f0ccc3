"""Admin forms that offer only the objects of the edited object's own language.

Without this, every chooser, select and checkbox list for a translatable snippet or page (fields of action,
categories, venues, measures) lists the German and the English objects side by side, and an editor can link an
English page to a German object by mistake.
"""

from django.db.models import Q
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.models import TranslatableMixin


def _restrict_field(field, locale, current=()):
    """Limit a model choice field to `locale`; objects already linked stay choosable, so nothing is lost."""
    queryset = getattr(field, "queryset", None)
    if queryset is None or not issubclass(queryset.model, TranslatableMixin):
        return
    condition = Q(locale_id=locale.pk)
    current = [pk for pk in current if pk is not None]
    if current:
        condition |= Q(pk__in=current)
    field.queryset = queryset.filter(condition)
    widget = field.widget
    if hasattr(widget, "get_chooser_modal_url") and not getattr(widget, "_locale_restricted", False):
        # Wagtail's choosers open their modal with the language preselected (its locale filter reads ?locale=).
        base_url = widget.get_chooser_modal_url()
        separator = "&" if "?" in base_url else "?"
        widget.get_chooser_modal_url = lambda: f"{base_url}{separator}locale={locale.language_code}"
        widget._locale_restricted = True


def _current_values(form, name):
    """Primary keys the bound instance links to through field `name` (a foreign key or many-to-many)."""
    instance = form.instance
    try:
        model_field = instance._meta.get_field(name)
    except Exception:  # a form field without a model field
        return []
    if model_field.many_to_many:
        if instance.pk is None and not hasattr(instance, "_cluster_related_objects"):
            return []
        try:
            return [obj.pk for obj in getattr(instance, name).all()]
        except ValueError:  # unsaved instance without cluster support
            return []
    if model_field.many_to_one:
        return [getattr(instance, model_field.attname, None)]
    return []


def restrict_to_locale(form, locale):
    for name, field in form.fields.items():
        _restrict_field(field, locale, _current_values(form, name))


class LocaleRestrictedFormMixin:
    """Restricts the form's own fields and the forms of its inline panels (formsets) to the object's locale."""

    def get_locale(self):
        if getattr(self.instance, "locale_id", None) is not None:
            return self.instance.locale
        parent = getattr(self, "parent_page", None)
        return parent.locale if parent is not None else None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        locale = self.get_locale()
        if locale is None:
            return
        restrict_to_locale(self, locale)
        for formset in getattr(self, "formsets", {}).values():
            base = formset.form

            def child_init(child, *a, _base=base, **kw):
                _base.__init__(child, *a, **kw)
                restrict_to_locale(child, locale)

            # Forms built from now on (including the empty form that "Add" clones) are restricted ...
            formset.form = type(base.__name__, (base,), {"__init__": child_init})
            # ... and so are those already built.
            if "forms" in formset.__dict__:
                for child in formset.forms:
                    restrict_to_locale(child, locale)


class LocaleRestrictedPageForm(LocaleRestrictedFormMixin, WagtailAdminPageForm):
    pass


class LocaleRestrictedModelForm(LocaleRestrictedFormMixin, WagtailAdminModelForm):
    pass
