#!/bin/sh
# Validate the Linux desktop-integration files.
# Needs: desktop-file-validate (desktop-file-utils), appstreamcli (appstream),
#        xmllint (libxml2-utils). Exits non-zero if any check fails or a tool is missing.
set -u

here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
app_id=org.testimonia.Testimonia
status=0

for tool in desktop-file-validate appstreamcli xmllint; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "validate.sh: required tool '$tool' not found on PATH" >&2
        status=1
    fi
done
[ "$status" -eq 0 ] || exit "$status"

run() {
    echo "+ $*"
    if ! "$@"; then
        echo "validate.sh: FAILED: $*" >&2
        status=1
    fi
}

run desktop-file-validate "$here/$app_id.desktop"
run appstreamcli validate --no-net "$here/$app_id.metainfo.xml"
run xmllint --noout "$here/$app_id.mime.xml"

# Optional semantic check of the MIME definition (xmllint only checks that it is
# well-formed). update-mime-database exits 0 even on errors, so inspect its output.
if command -v update-mime-database >/dev/null 2>&1; then
    tmp=$(mktemp -d)
    mkdir -p "$tmp/mime/packages"
    cp "$here/$app_id.mime.xml" "$tmp/mime/packages/"
    echo "+ update-mime-database (scratch copy)"
    out=$(update-mime-database "$tmp/mime" 2>&1)
    if printf '%s\n' "$out" | grep -q 'Error'; then
        printf '%s\n' "$out" | grep 'Error' >&2
        echo "validate.sh: FAILED: update-mime-database rejected $app_id.mime.xml" >&2
        status=1
    fi
    rm -rf "$tmp"
else
    echo "validate.sh: update-mime-database not found; skipping MIME compile check"
fi

if [ "$status" -eq 0 ]; then
    echo "validate.sh: all checks passed"
fi
exit "$status"
