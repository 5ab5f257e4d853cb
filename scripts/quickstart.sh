#!/usr/bin/env bash
# The whole site with demo content on http://127.0.0.1:8000 (SQLite, database search).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/bootstrap.sh
export DJANGO_SETTINGS_MODULE=digital_lm.settings.dev
addr=${DLM_QUICKSTART_ADDR:-127.0.0.1:8000}
# E-mails' links and the demo certificates (their issuers' addresses are signed into them) name
# the address the site is served on.
export WAGTAILADMIN_BASE_URL=${WAGTAILADMIN_BASE_URL:-http://$addr}
.venv/bin/python manage.py migrate --no-input -v0
# The demo accounts' password is generated once and kept (git-ignored) so every run shows it.
credentials=.quickstart-password
if [ ! -s "$credentials" ]; then
    (umask 077; .venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(12))' >"$credentials")
fi
DLM_DEMO_PASSWORD=$(cat "$credentials") .venv/bin/python manage.py load_demo_content --create-users
echo
echo "Serving on http://$addr/ — Ctrl-C stops it."
echo "Log in at http://$addr/admin/ as admin (or any demo account above), password: $(cat "$credentials")"
# The text of files uploaded from now on is read by a background worker, as in production.
.venv/bin/python manage.py db_worker --backend discovery --queue-name files --no-reload -v0 &
worker=$!
trap 'kill "$worker" 2>/dev/null' EXIT
.venv/bin/python manage.py runserver "$addr"
