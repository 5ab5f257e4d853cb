"""Synthetic resources for the benchmarks: as many published resource translations as asked
for, in the seven languages, written straight into PostgreSQL by
``python manage.py generate_synthetic_resources``."""
