"""Build the Testimonia bundle for this operating system and prove it runs (`make package`).

Linux:   dist/testimonia/ (PyInstaller onedir) and dist/testimonia-VERSION-linux-ARCH.tar.gz, which
         holds the bundle, the desktop files in a share/ layout and install.sh. The tarball is then
         unpacked and installed into a scratch prefix, and the installed command runs --self-test.
Windows: the bundle, --self-test, then the Inno Setup installer (packaging/windows/testimonia.iss).
macOS:   the bundle and Testimonia.app, --self-test, then the DMG (packaging/macos/build_dmg.sh).

Exit code 0 only if the build, the packaging and the self-test all succeeded.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
BUNDLE = DIST / "testimonia"
APP_ID = "org.testimonia.Testimonia"
# The version the spec was written and tested against; keep in step with pyproject's `package` extra.
PYINSTALLER = "pyinstaller==6.22.3"
MB = 1024 * 1024
# CI sets a budget so that a new dependency that doubles the download is noticed, not shipped.
BUDGET_ENV = "TESTIMONIA_BUNDLE_BUDGET_MB"


def log(message: str) -> None:
    print(f"package: {message}", flush=True)


def version() -> str:
    sys.path.insert(0, str(ROOT / "desktop"))
    from testimonia import __version__

    return __version__


def ensure_pyinstaller() -> None:
    try:
        import PyInstaller  # noqa: F401
    except ModuleNotFoundError:
        log(f"installing {PYINSTALLER} into {sys.prefix}")
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", PYINSTALLER], check=True)


def build_bundle() -> float:
    started = time.monotonic()
    shutil.rmtree(BUNDLE, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
                    "--workpath", str(WORK), "--distpath", str(DIST), str(PACKAGING / "testimonia.spec")],
                   check=True, cwd=ROOT)
    return time.monotonic() - started


def files_of(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]


def report_size(folder: Path) -> int:
    files = files_of(folder)
    total = sum(p.stat().st_size for p in files)
    log(f"bundle {folder.relative_to(ROOT)}: {total / MB:.1f} MB in {len(files)} files; largest:")
    for p in sorted(files, key=lambda p: p.stat().st_size, reverse=True)[:10]:
        print(f"  {p.stat().st_size / MB:7.1f} MB  {p.relative_to(folder)}", flush=True)
    return total


def self_test(executable: Path) -> None:
    log(f"self-test: {executable.relative_to(ROOT) if executable.is_relative_to(ROOT) else executable} --self-test")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([str(executable), "--self-test"], env=env, timeout=300, check=False)
    if result.returncode != 0:
        raise SystemExit(f"package: the bundle's self-test failed (exit code {result.returncode})")


# -- Linux -----------------------------------------------------------------------------------------

def _linux_share(stage: Path) -> None:
    """The desktop integration files where XDG looks for them, under share/."""
    linux, icons = ROOT / "resources" / "linux", ROOT / "resources" / "icons"
    share = stage / "share"
    copies = {
        linux / f"{APP_ID}.desktop": share / "applications" / f"{APP_ID}.desktop",
        linux / f"{APP_ID}.metainfo.xml": share / "metainfo" / f"{APP_ID}.metainfo.xml",
        linux / f"{APP_ID}.mime.xml": share / "mime" / "packages" / f"{APP_ID}.xml",
        icons / "testimonia.svg": share / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg",
    }
    for png in (icons / "hicolor").glob(f"*/apps/{APP_ID}.png"):
        copies[png] = share / "icons" / "hicolor" / png.relative_to(icons / "hicolor")
    for src, dest in copies.items():
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, dest)


def linux_tarball(ver: str) -> Path:
    name = f"testimonia-{ver}-linux-{platform.machine()}"
    stage_root = ROOT / "build" / "stage"
    shutil.rmtree(stage_root, ignore_errors=True)
    stage = stage_root / name
    # symlinks=True: PyInstaller links the Qt libraries into _internal/ rather than copying them.
    shutil.copytree(BUNDLE, stage / "testimonia", symlinks=True)
    _linux_share(stage)
    shutil.copy2(PACKAGING / "linux" / "install.sh", stage / "install.sh")
    (stage / "install.sh").chmod(0o755)
    out = DIST / f"{name}.tar.gz"
    started = time.monotonic()
    with tarfile.open(out, "w:gz", compresslevel=6) as tar:
        tar.add(stage, arcname=name)
    log(f"tarball {out.relative_to(ROOT)}: {out.stat().st_size / MB:.1f} MB ({time.monotonic() - started:.0f} s)")
    return out


def linux_install_and_test(tarball: Path) -> None:
    """Unpack the tarball and run its install.sh into a scratch prefix, as a user would, then self-test."""
    with tempfile.TemporaryDirectory(prefix="testimonia-install-") as tmp:
        with tarfile.open(tarball) as tar:
            tar.extractall(tmp, filter="tar")
        (unpacked,) = Path(tmp).iterdir()
        prefix = Path(tmp) / "prefix"
        env = dict(os.environ, PREFIX=str(prefix))
        subprocess.run(["sh", str(unpacked / "install.sh")], env=env, check=True)
        desktop = (prefix / "share" / "applications" / f"{APP_ID}.desktop").read_text(encoding="utf-8")
        if f"Exec={prefix}/bin/testimonia %F" not in desktop:
            raise SystemExit("package: install.sh did not point the .desktop file at the installed command")
        self_test(prefix / "bin" / "testimonia")


# -- Windows and macOS -----------------------------------------------------------------------------

def windows_installer(ver: str) -> None:
    iscc = shutil.which("iscc") or shutil.which("ISCC")
    default = Path(os.environ.get("PROGRAMFILES(X86)", r"C:\Program Files (x86)")) / "Inno Setup 6" / "ISCC.exe"
    if iscc is None and default.exists():
        iscc = str(default)
    if iscc is None:
        raise SystemExit("package: Inno Setup 6 (ISCC.exe) is needed for the installer: https://jrsoftware.org/isinfo.php")
    subprocess.run([iscc, f"/DAppVersion={ver}", f"/DSourceDir={BUNDLE}", f"/DOutputDir={DIST}",
                    str(PACKAGING / "windows" / "testimonia.iss")], check=True)


def macos_dmg(ver: str) -> None:
    subprocess.run(["bash", str(PACKAGING / "macos" / "build_dmg.sh"), ver], check=True, cwd=ROOT)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-self-test", action="store_true", help="build and package only")
    args = parser.parse_args(argv)
    ver = version()
    ensure_pyinstaller()
    log(f"building Testimonia {ver} for {sys.platform} ({platform.machine()})")
    seconds = build_bundle()
    log(f"PyInstaller took {seconds:.0f} s")
    size = report_size(BUNDLE)
    budget = os.environ.get(BUDGET_ENV)
    if budget and size > float(budget) * MB:
        raise SystemExit(f"package: the bundle ({size / MB:.0f} MB) is over the {budget} MB budget ({BUDGET_ENV})")
    if sys.platform.startswith("linux"):
        tarball = linux_tarball(ver)
        if not args.skip_self_test:
            linux_install_and_test(tarball)
    elif sys.platform == "win32":
        if not args.skip_self_test:
            self_test(BUNDLE / "testimonia-cli.exe")
        windows_installer(ver)
    elif sys.platform == "darwin":
        if not args.skip_self_test:
            self_test(DIST / "Testimonia.app" / "Contents" / "MacOS" / "testimonia-cli")
        macos_dmg(ver)
    else:
        log(f"no installer for {sys.platform}; the bundle is in {BUNDLE}")
    log("done")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
