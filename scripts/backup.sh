#!/usr/bin/env bash
# Back up the database and the media folder into one dated archive with sha256 checksums.
#
#   DATABASE_URL=postgres://... [DJANGO_MEDIA_ROOT=media] scripts/backup.sh [DIRECTORY]
#
# Writes DIRECTORY/dlm-backup-<UTC date and time>.tar.gz (DIRECTORY: backups/) and prints its
# path. The site may keep running: pg_dump reads one consistent snapshot. The discovery index
# is not in it: it is rebuilt from the database (scripts/restore.sh does).
set -euo pipefail
source "$(dirname "$0")/_backup.sh"

destination="${1:-$ROOT/backups}"
[ -d "$MEDIA_ROOT" ] || die "no media folder at $MEDIA_ROOT (set DJANGO_MEDIA_ROOT)"
mkdir -p "$destination"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$(pg_program pg_dump)" --format=custom --no-owner --no-privileges \
  --file="$work/database.dump" "$DATABASE_URL"
cp -a "$MEDIA_ROOT" "$work/media"
(cd "$work" && find database.dump media -type f -print0 | sort -z | xargs -0 -r sha256sum >SHA256SUMS)

archive="$destination/dlm-backup-$(date -u +%Y%m%d-%H%M%S).tar.gz"
tar -C "$work" -czf "$archive.part" SHA256SUMS database.dump media
mv "$archive.part" "$archive"
printf '%s\n' "$archive"
