#!/bin/sh
# Install Testimonia from this unpacked tarball: for this user into ~/.local (no root needed), or
# for everyone with `sudo PREFIX=/usr/local ./install.sh`.
#   ./install.sh               install (or update: the previous copy is replaced)
#   ./install.sh --uninstall   remove what install.sh put there (projects are never touched)
set -eu

here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
prefix=${PREFIX:-$HOME/.local}
app_id=org.testimonia.Testimonia
lib=$prefix/lib/testimonia
bin=$prefix/bin
share=$prefix/share

remove() {
    rm -rf "$lib"
    rm -f "$bin/testimonia" "$share/applications/$app_id.desktop" "$share/metainfo/$app_id.metainfo.xml" \
        "$share/mime/packages/$app_id.xml"
    if [ -d "$share/icons/hicolor" ]; then
        find "$share/icons/hicolor" -name "$app_id.*" -type f -exec rm -f {} +
    fi
}

# The desktop's caches must learn about the new file type, launcher and icon; each tool is optional.
refresh() {
    if command -v update-mime-database >/dev/null 2>&1; then update-mime-database "$share/mime" >/dev/null 2>&1 || true; fi
    if command -v update-desktop-database >/dev/null 2>&1; then update-desktop-database -q "$share/applications" || true; fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1; then gtk-update-icon-cache -q -t -f "$share/icons/hicolor" || true; fi
}

if [ "${1:-}" = "--uninstall" ]; then
    remove
    refresh
    echo "Testimonia removed from $prefix"
    exit 0
fi

remove
mkdir -p "$lib" "$bin" "$share/applications" "$share/metainfo" "$share/mime/packages" "$share/icons"
cp -RP "$here/testimonia/." "$lib/"  # -P: the bundle links some libraries; keep the links
ln -sf "$lib/testimonia" "$bin/testimonia"
# An absolute Exec= so the launcher works even where ~/.local/bin is not on the desktop session's PATH.
sed -e "s|^Exec=testimonia|Exec=$bin/testimonia|" -e "s|^TryExec=testimonia|TryExec=$bin/testimonia|" \
    "$here/share/applications/$app_id.desktop" > "$share/applications/$app_id.desktop"
cp "$here/share/metainfo/$app_id.metainfo.xml" "$share/metainfo/"
cp "$here/share/mime/packages/$app_id.xml" "$share/mime/packages/"
cp -R "$here/share/icons/." "$share/icons/"
refresh

echo "Testimonia installed in $lib"
case ":$PATH:" in
    *":$bin:"*) echo "Run it from the applications menu or with: testimonia" ;;
    *) echo "Run it from the applications menu or with: $bin/testimonia ($bin is not on your PATH)" ;;
esac
