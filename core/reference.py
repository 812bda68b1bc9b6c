"""Reference rows every installation needs (activity types, committee seat kinds).

Their data migrations create them once; `flush` (and the test suite's browser tests, whose live
server needs a flushed database between tests) empties every table, so each app also ensures its
rows after every migrate and flush through Django's post_migrate signal. Both paths run the same
idempotent function from the data migration.
"""

import importlib


def ensure_after_migrate(app_label: str, model_name: str, migration: str, function: str):
    """A post_migrate receiver that runs `migration.function(apps, None)` once the model exists."""
    loader = getattr(importlib.import_module(f"{app_label}.migrations.{migration}"), function)

    def receiver(sender, apps=None, **kwargs):
        if apps is None:  # flush sends no migration state: the installed models are current
            from django.apps import apps
        try:
            apps.get_model(app_label, model_name)
        except LookupError:  # migrated back before the model existed
            return
        loader(apps, None)

    return receiver
