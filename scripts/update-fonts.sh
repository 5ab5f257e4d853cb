#!/usr/bin/env bash
# Re-fetch the self-hosted Noto fonts from the npm registry (Fontsource packages) and copy the
# script subsets the site needs into digital_lm/static/fonts/. Reproducible: versions are pinned.
#
#   scripts/update-fonts.sh            # use the pinned version
#   FONTSOURCE_VERSION=5.3.1 scripts/update-fonts.sh
#
# Needs npm and tar. Only the Lao, Khmer, Myanmar and Thai subsets are copied: Latin, Vietnamese
# and Chinese text use the visitor's system fonts.
set -euo pipefail

FONTSOURCE_VERSION="${FONTSOURCE_VERSION:-5.3.0}"
SCRIPTS=(lao khmer myanmar thai)
WEIGHTS=(400 700)

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="$repo_root/digital_lm/static/fonts"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

mkdir -p "$dest"
for script in "${SCRIPTS[@]}"; do
    package="@fontsource/noto-sans-$script@$FONTSOURCE_VERSION"
    (cd "$work" && npm pack --silent "$package" >/dev/null)
    mkdir -p "$work/$script"
    tar -xzf "$work/fontsource-noto-sans-$script-$FONTSOURCE_VERSION.tgz" -C "$work/$script"
    for weight in "${WEIGHTS[@]}"; do
        name="noto-sans-$script-$script-$weight-normal.woff2"
        cp "$work/$script/package/files/$name" "$dest/$name"
    done
    cp "$work/$script/package/LICENSE" "$dest/LICENSE-noto-sans-$script.txt"
    echo "copied $package"
done

du -ch "$dest"/*.woff2 | tail -n 1
