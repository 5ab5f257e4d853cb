#!/usr/bin/env bash
# The whole site with demo content on http://127.0.0.1:8000 (SQLite, database search).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/bootstrap.sh
export DJANGO_SETTINGS_MODULE=digital_lm.settings.dev
.venv/bin/python manage.py migrate --no-input -v0
.venv/bin/python manage.py load_demo_content --create-admin
echo
echo "Serving on http://127.0.0.1:8000/ (admin: http://127.0.0.1:8000/admin/). Ctrl-C stops it."
exec .venv/bin/python manage.py runserver "${DLM_QUICKSTART_ADDR:-127.0.0.1:8000}"
