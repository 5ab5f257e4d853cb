#!/usr/bin/env bash
# The whole test suite against real services: installs everything, starts PostgreSQL and
# OpenSearch on loopback, runs the lint and deploy checks, then pytest. Extra arguments go
# to pytest (e.g. scripts/test.sh tests/content/test_models.py -x).
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)

scripts/bootstrap.sh --dev
scripts/services/all.sh start
eval "$(scripts/services/all.sh env)"
[ -n "${CI:-}" ] && trap 'scripts/services/all.sh stop' EXIT

py=.venv/bin/python
echo "== lint"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/djhtml --check templates >/dev/null

echo "== django checks"
DJANGO_SETTINGS_MODULE=digital_lm.settings.test $py manage.py check
DJANGO_SETTINGS_MODULE=digital_lm.settings.test $py manage.py makemigrations --check --dry-run
# Production settings with the documented variables set must pass the deployment checklist.
DJANGO_SETTINGS_MODULE=digital_lm.settings.production \
    DJANGO_SECRET_KEY="$($py -c 'import secrets; print(secrets.token_urlsafe(50))')" \
    DLM_CREDENTIAL_KEY_SECRET="$($py -c 'import secrets; print(secrets.token_urlsafe(50))')" \
    DJANGO_ALLOWED_HOSTS=repository.example.org EMAIL_URL=smtp+tls://mail.example.org:587 \
    $py manage.py check --deploy --fail-level WARNING

echo "== tests (PostgreSQL at ${DATABASE_URL##*@}, OpenSearch at $DLM_OPENSEARCH_URL)"
set +e
$py -m pytest "$@"
status=$?
set -e
echo "Suite finished in $(( $(date +%s) - started )) s."
exit $status
