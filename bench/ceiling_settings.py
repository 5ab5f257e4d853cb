"""The production settings serving only ``bench/ceiling_urls.py``: the machine's ceiling for
``bench/throughput.py`` (never the site's own settings)."""

from digital_lm.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.ceiling_urls"
