#!/usr/bin/env bash
# Installs what the project needs into .venv (idempotent) and compiles the message catalogues.
#   scripts/bootstrap.sh            runtime dependencies
#   scripts/bootstrap.sh --dev      runtime + test and lint tools
set -euo pipefail
cd "$(dirname "$0")/.."

requirements=requirements.txt
[ "${1:-}" = "--dev" ] && requirements=requirements-dev.txt

python=${PYTHON:-python3.11}
command -v "$python" >/dev/null || python=python3
if ! "$python" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
    echo "Python 3.11 is required ($python is $("$python" --version 2>&1))." >&2
    exit 1
fi

# Install Debian packages (as root), or say what to install and stop.
install_package() {
    local what=$1; shift
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "Installing $* from Debian's packages..."
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
    else
        echo "$what is missing: install the packages $* (e.g. 'sudo apt-get install $*')." >&2
        exit 1
    fi
}

# Install a Debian package when its command is missing.
need() {
    command -v "$1" >/dev/null || install_package "$1" "$2"
}

# gettext's msgfmt compiles the catalogues; Lao only becomes an active language with one.
need msgfmt gettext
# Browser tests drive Debian's Chromium (Playwright cannot download its own browsers here).
if [ "${1:-}" = "--dev" ]; then need chromium chromium; fi
# Printable certificates and share pictures draw every script with Debian's Noto fonts (the
# site's own WOFF2 files need Brotli), as do the screenshots and the file-text tests' samples.
# Without them the site runs, and a certificate prints with the fonts there are.
fonts_missing=""
[ -e /usr/share/fonts/truetype/noto/NotoSansKhmer-Regular.ttf ] || fonts_missing=fonts-noto-core
[ -e /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ] || fonts_missing="$fonts_missing fonts-noto-cjk"
if [ -n "$fonts_missing" ]; then
    if [ "${1:-}" = "--dev" ] || [ "$(id -u)" = 0 ]; then
        install_package "The Noto fonts" $fonts_missing
    else
        echo "Note: printed certificates will show boxes for some scripts until these packages are installed: $fonts_missing" >&2
    fi
fi

[ -x .venv/bin/python ] || "$python" -m venv .venv
stamp=.venv/.installed-$(cat "$requirements" requirements.txt | sha256sum | cut -c1-16)
if [ ! -e "$stamp" ]; then
    echo "Installing Python packages from $requirements..."
    .venv/bin/python -m pip install -q --upgrade pip
    .venv/bin/python -m pip install -q -r "$requirements"
    touch "$stamp"
fi

# Scanned pages of teaching materials are read by Tesseract with each language's trained data
# (the packages are named where the languages are declared). Without them the site runs, and
# a scanned page's file says which package would read it.
ocr_missing=""
for package in $(.venv/bin/python -c 'from filetext.extraction.ocr import debian_packages
print(*debian_packages())'); do
    dpkg -s "$package" >/dev/null 2>&1 || ocr_missing="$ocr_missing $package"
done
if [ -n "$ocr_missing" ]; then
    if [ "${1:-}" = "--dev" ] || [ "$(id -u)" = 0 ]; then
        install_package "OCR (Tesseract)" $ocr_missing
    else
        echo "Note: scanned pages will not be read until these packages are installed:$ocr_missing" >&2
    fi
fi

# The accessibility tests inject axe-core, pinned in package-lock.json, into the pages they check;
# the credential tests' independent verifier runs on Node with the packages package.json names.
if [ "${1:-}" = "--dev" ]; then
    need npm npm
    npm_stamp=node_modules/.installed-$(sha256sum package-lock.json | cut -c1-16)
    npm_missing=$(node -e 'const fs = require("fs");
for (const name of Object.keys(require("./package.json").dependencies))
    if (!fs.existsSync(`node_modules/${name}/package.json`)) console.log(name);')
    if [ ! -e node_modules/axe-core/axe.min.js ] || [ -n "$npm_missing" ] || [ ! -e "$npm_stamp" ]; then
        echo "Installing npm packages from package-lock.json..."
        npm ci --no-audit --no-fund
        touch "$npm_stamp"
    fi
fi

# The OAI-PMH tests validate every answer against the protocol's published schemas
# (OAI-PMH.xsd, oai_dc.xsd with simpledc20021212.xsd, and xml.xsd). Debian ships them in the
# package of the DaCHS publishing suite: that one package file is downloaded (not installed),
# checked against its pinned SHA-256, and only the four schemas are unpacked.
oai_schemas=.test-schemas/oai
oai_package=python3-gavo oai_version=2.7+dfsg-2
oai_sha256=117405e1c6069128e7c9c7d7007eaed170a6ef4e191ce6442937f84957da0596
if [ "${1:-}" = "--dev" ] && [ ! -e "$oai_schemas/.installed-${oai_sha256:0:16}" ]; then
    echo "Fetching the OAI-PMH schemas ($oai_package $oai_version from Debian's packages)..."
    download=$(mktemp -d)
    if ! (cd "$download" && apt-get download -qq "$oai_package=$oai_version" 2>/dev/null); then
        if [ "$(id -u)" != 0 ]; then
            echo "Cannot download $oai_package $oai_version: run 'sudo apt-get update' first." >&2
            exit 1
        fi
        apt-get update -qq
        (cd "$download" && apt-get download -qq "$oai_package=$oai_version")
    fi
    deb=$(ls "$download"/*.deb)
    echo "$oai_sha256  $deb" | sha256sum --check --quiet
    dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$download" \
        ./usr/lib/python3/dist-packages/gavo/resources/schemata/{OAI-PMH,oai_dc,simpledc20021212,xml}.xsd
    rm -rf "$oai_schemas" && mkdir -p "$oai_schemas"
    cp "$download"/usr/lib/python3/dist-packages/gavo/resources/schemata/*.xsd "$oai_schemas"/
    rm -rf "$download"
    touch "$oai_schemas/.installed-${oai_sha256:0:16}"
fi

DJANGO_SETTINGS_MODULE=digital_lm.settings.dev .venv/bin/python manage.py compilemessages \
    --ignore=.venv -v0
