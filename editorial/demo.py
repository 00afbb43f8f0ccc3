"""The editorial app has no demo pages: it grants the translators their permissions on the English home page
that the home app's demo content has just created."""

from editorial.roles import apply_roles, ensure_workflow


def load(demo):
    apply_roles()
    ensure_workflow()
