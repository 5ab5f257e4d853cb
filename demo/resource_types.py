"""The demo's data per resource type, keyed by the types' public names ("course", the
``discovery_type`` of each page model): the models themselves come from
``resources.models.base.resource_types()``, never from a list of our own."""

from resources.models.base import resource_types

# The part of an external ID that says its type: YNMEC-COURSE-002, SYN-STD-0000042. In the
# order the demo loader writes them: the types others link to first (a course links its
# standard and its teaching material, a certification its standard).
ID_PARTS = {"standard": "STD", "material": "MAT", "course": "COURSE", "certification": "CERT"}


def models_for(per_type):
    """{type name: page model} in the order of ``per_type``, a dict keyed by type names that
    must name every resource type once: a new type needs its demo data before it is loaded."""
    models = {kind.name: kind.model for kind in resource_types()}
    if set(per_type) != set(models):
        raise LookupError(
            f"the demo's per-type data names {sorted(per_type)}, the resource types are "
            f"{sorted(models)}"
        )
    return {name: models[name] for name in per_type}
