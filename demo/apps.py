from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The alliance's demo content and the synthetic resources of the benchmarks: data and
    commands that write to a site, never imported by the site's own code."""

    name = "demo"
    verbose_name = "Demo content"
