#!/usr/bin/env bash
# Make dist/testimonia-VERSION-macos-ARCH.dmg from dist/Testimonia.app, which the spec's BUNDLE step
# builds (with the .testimonia document type in its Info.plist). packaging/build.py runs this after
# the build and the self-test; by hand: `.venv/bin/python packaging/build.py` on a Mac.
# Written for macOS 11+; NOT run on the development machines (Linux) yet.
#
# The app is only ad-hoc signed (PyInstaller does that), so Gatekeeper asks the user to confirm the
# first start (right-click > Open). Distributing widely needs a Developer ID signature and
# notarisation (codesign --options runtime, xcrun notarytool), which need the NGO's Apple account.
set -euo pipefail
cd "$(dirname "$0")/../.."

version=${1:?usage: build_dmg.sh VERSION}
app=dist/Testimonia.app
if [ ! -d "$app" ]; then
    echo "build_dmg.sh: $app is missing; run packaging/build.py first" >&2
    exit 1
fi
dmg="dist/testimonia-$version-macos-$(uname -m).dmg"

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
# ditto keeps the bundle's symlinks, extended attributes and signature intact (cp -R may not).
ditto "$app" "$stage/Testimonia.app"
ln -s /Applications "$stage/Applications"  # drag-to-install
rm -f "$dmg"
hdiutil create -volname "Testimonia $version" -srcfolder "$stage" -fs HFS+ -format UDZO -ov "$dmg"
hdiutil verify "$dmg"
echo "build_dmg.sh: $dmg ($(du -h "$dmg" | cut -f1))"
