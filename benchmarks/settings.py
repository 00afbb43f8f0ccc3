"""Production settings for seeding the benchmark site: tasks (search indexing) run at once, no worker needed."""

from stadtteil.settings.production import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}}
