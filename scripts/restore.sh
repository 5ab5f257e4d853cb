#!/usr/bin/env bash
# Restore an archive of scripts/backup.sh into an empty database and an empty media folder,
# then rebuild the discovery index.
#
#   DATABASE_URL=postgres://... [DJANGO_MEDIA_ROOT=media] scripts/restore.sh ARCHIVE
#
# Refuses a database that has tables or a media folder that has files, and an archive whose
# checksums do not match. The database must exist (createdb); the index is rebuilt when
# DLM_DISCOVERY_ENGINE names an engine (with the settings of DJANGO_SETTINGS_MODULE).
set -euo pipefail
source "$(dirname "$0")/_backup.sh"

archive="${1:?usage: restore.sh ARCHIVE}"
[ -f "$archive" ] || die "no archive at $archive"
if [ -d "$MEDIA_ROOT" ] && [ -n "$(ls -A "$MEDIA_ROOT")" ]; then
  die "the media folder $MEDIA_ROOT is not empty"
fi
tables="$("$(pg_program psql)" -X -q -t -A -v ON_ERROR_STOP=1 -d "$DATABASE_URL" \
  -c "select count(*) from pg_tables where schemaname = 'public'")"
[ "$tables" = 0 ] || die "the database has $tables tables already: restore into an empty one"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
tar -C "$work" -xzf "$archive"
(cd "$work" && sha256sum --quiet --check SHA256SUMS) || die "checksums do not match: $archive"

"$(pg_program pg_restore)" --no-owner --no-privileges --exit-on-error \
  --dbname="$DATABASE_URL" "$work/database.dump"
mkdir -p "$MEDIA_ROOT"
cp -a "$work/media/." "$MEDIA_ROOT/"

if [ "${DLM_DISCOVERY_ENGINE:-database}" != database ]; then
  (cd "$ROOT" && "$(python_bin)" manage.py rebuild_discovery_index)
fi
echo "Restored $archive"
