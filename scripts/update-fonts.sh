#!/usr/bin/env bash
# Re-fetch the self-hosted Noto fonts from the npm registry (Fontsource packages) and copy the
# script subsets the site needs into digital_lm/static/fonts/. Reproducible: versions are pinned.
#
#   scripts/update-fonts.sh            # use the pinned version
#   FONTSOURCE_VERSION=5.3.1 scripts/update-fonts.sh
#
# Needs npm and tar. Only the Lao, Khmer, Myanmar and Thai subsets are copied: Latin, Vietnamese
# and Chinese text use the visitor's system fonts.
#
# Then it cuts, with fontTools' subsetter (installed in a throwaway virtualenv), a tiny font per
# script holding only the glyphs of the languages' own names (digital_lm/languages.py): the
# language switcher shows every name on every page, and should not fetch whole fonts of
# scripts the page does not show. Needs the project's virtualenv (.venv, or set PYTHON) to read
# the names. Run it again whenever a language's name changes.
set -euo pipefail

FONTSOURCE_VERSION="${FONTSOURCE_VERSION:-5.3.0}"
FONTTOOLS_VERSION="${FONTTOOLS_VERSION:-4.68.0}"
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

python="${PYTHON:-$repo_root/.venv/bin/python}"
names="$(cd "$repo_root" && "$python" -c 'from digital_lm.languages import LANGUAGES; print("".join(name for _code, name in LANGUAGES))')"
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet "fonttools[woff]==$FONTTOOLS_VERSION"
for script in "${SCRIPTS[@]}"; do
    # The regular weight only: the current language's name is drawn with the page's own font.
    "$work/venv/bin/pyftsubset" "$dest/noto-sans-$script-$script-400-normal.woff2" \
        --text="$names" --layout-features='*' --flavor=woff2 \
        --output-file="$dest/language-names-$script-400.woff2"
    echo "cut language-names-$script-400.woff2 ($(wc -c <"$dest/language-names-$script-400.woff2") bytes)"
done

du -ch "$dest"/*.woff2 | tail -n 1
