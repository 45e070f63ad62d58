"""Copy the front-end libraries installed by npm into ``static/vendor``.

``make assets`` runs ``npm ci`` and then ``python -m pantau.web.assets``. Nothing from
node_modules is committed; the dashboard falls back to a banner when the files are missing.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

STATIC_DIR = Path(__file__).parent / "static"
VENDOR_DIR = STATIC_DIR / "vendor"

# node_modules path -> file name under static/vendor
VENDOR_FILES: dict[str, str] = {
    "htmx.org/dist/htmx.min.js": "htmx.min.js",
    "chart.js/dist/chart.umd.min.js": "chart.umd.min.js",
}


def missing_assets(vendor_dir: Path = VENDOR_DIR) -> list[str]:
    """Vendor files the pages need that are not in place."""
    return [name for name in VENDOR_FILES.values() if not (vendor_dir / name).is_file()]


def copy_assets(node_modules: Path, vendor_dir: Path = VENDOR_DIR) -> list[Path]:
    """Copy each needed file; raise FileNotFoundError naming the first one absent."""
    vendor_dir.mkdir(parents=True, exist_ok=True)
    copied: list[Path] = []
    for source, name in VENDOR_FILES.items():
        path = node_modules / source
        if not path.is_file():
            raise FileNotFoundError(f"{path} tidak ada: jalankan `npm ci` dahulu")
        target = vendor_dir / name
        shutil.copyfile(path, target)
        copied.append(target)
    return copied


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    node_modules = Path(args[0]) if args else Path.cwd() / "node_modules"
    try:
        copied = copy_assets(node_modules)
    except FileNotFoundError as exc:
        print(f"Gagal menyalin aset: {exc}", file=sys.stderr)
        return 1
    for path in copied:
        print(f"disalin: {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
