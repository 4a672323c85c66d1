"""Build the installable desktop agent: a wheel (pipx, any system) and a Debian package.

    python3 scripts/build_agent_package.py [--server URL] [--out DIR]

Both hold the same files, taken from this tree's ``card_relay`` (one copy of the code): the
``card_relay.agent`` package and the card modules it imports, found by following its imports,
so a new import is packaged without editing a list here. The simulator and the test CA are left
out (they need ``cryptography`` and are for tests), and nothing of Flask, OpenCV or the web app
goes in: the only dependency is pyscard.

Standard library only, plus ``dpkg-deb`` for the .deb: a wheel is a zip with three metadata
files, so no build backend (and no network for build isolation) is needed. The output is
reproducible: fixed timestamps and sorted entries.

The Debian package installs the modules privately in /usr/lib/myna-card-agent, the command
/usr/bin/myna-card-agent, a systemd *user* service enabled for every user (so the agent starts
at login and runs as the resident, who owns the reader session), and the site it works for in
/etc/myna-card-agent/agent.env (a conffile: edit it to point at another site). It depends on
Debian's ``python3`` (>= 3.11), ``python3-pyscard`` and ``pcscd``.
"""

from __future__ import annotations

import argparse
import ast
import base64
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import tomllib
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAME = "myna-card-agent"
DIST = "myna_card_agent"
ENTRY = "card_relay.agent.cli:main"
# Imported lazily for `--simulated` only; the installed agent reports that it needs the project.
LEFT_OUT = ("card_relay.simulator", "card_relay.testca")
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
WHEEL = (
    b"Wheel-Version: 1.0\nGenerator: build_agent_package\n"
    b"Root-Is-Purelib: true\nTag: py3-none-any\n"
)
SUMMARY = (
    "The myna-guide card agent: lets the site use a My Number Card in a reader on this computer"
)

LAUNCHER = """#!/usr/bin/python3
\"\"\"myna-card-agent: the modules live in /usr/lib/myna-card-agent (private to this package).\"\"\"
import sys
from pathlib import Path

sys.dont_write_bytecode = True  # nothing left behind in /usr/lib when the package is removed
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "lib" / "myna-card-agent"))
from card_relay.agent.cli import main  # noqa: E402

sys.exit(main())
"""

SERVICE = """[Unit]
Description=myna-guide card agent (My Number Card reader for the site in /etc/myna-card-agent)
Documentation=man:pcscd(8)

[Service]
EnvironmentFile=/etc/myna-card-agent/agent.env
ExecStart=/usr/bin/myna-card-agent
Restart=on-failure
RestartSec=5

[Install]
WantedBy=default.target
"""

POSTINST = """#!/bin/sh
set -e
# Start at every user's login; a user already logged in runs
# `systemctl --user start myna-card-agent` once (the reader-setup page says so).
if [ "$1" = "configure" ] && command -v systemctl >/dev/null 2>&1; then
    systemctl --global enable myna-card-agent.service || true
fi
"""

PRERM = """#!/bin/sh
set -e
if [ "$1" = "remove" ] && command -v systemctl >/dev/null 2>&1; then
    systemctl --global disable myna-card-agent.service || true
fi
"""


def project_version() -> str:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        version: str = tomllib.load(handle)["project"]["version"]
    return version


def module_path(name: str) -> Path | None:
    """The file of module ``name`` in this tree (a package's ``__init__.py``), if any."""
    base = ROOT.joinpath(*name.split("."))
    if (base / "__init__.py").is_file():
        return base / "__init__.py"
    if base.with_suffix(".py").is_file():
        return base.with_suffix(".py")
    return None


def _imports(path: Path, package: str) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            module = node.module
            if node.level:  # relative: resolve against this module's package
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*parts, node.module])
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def agent_files() -> list[Path]:
    """Every ``card_relay`` module the agent imports (transitively), paths relative to ROOT."""
    todo = [
        "card_relay",
        *(
            f"card_relay.agent.{p.stem}"
            for p in (ROOT / "card_relay/agent").glob("*.py")
            if p.stem != "__init__"
        ),
    ]
    seen: dict[str, Path] = {}
    while todo:
        name = todo.pop()
        if name in seen or name.startswith(LEFT_OUT):
            continue
        path = module_path(name)
        if path is None:
            continue
        seen[name] = path
        # Every parent package must be there too (their __init__ runs on import).
        parent = name.rpartition(".")[0]
        if parent:
            todo.append(parent)
        package = name if path.name == "__init__.py" else parent
        todo.extend(m for m in _imports(path, package) if m.split(".")[0] == "card_relay")
    # The page texts of every language (card_relay/agent/strings.py reads them).
    texts = (ROOT / "card_relay/agent/locales").glob("*.json")
    return sorted(p.relative_to(ROOT) for p in [*seen.values(), *texts])


def _record_hash(data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"sha256={digest}"


def metadata(version: str) -> str:
    return (
        "Metadata-Version: 2.1\n"
        f"Name: {NAME}\n"
        f"Version: {version}\n"
        f"Summary: {SUMMARY}\n"
        "License: MIT\n"
        "Requires-Python: >=3.11\n"
        "Requires-Dist: pyscard>=2.0\n"
    )


def build_wheel(out: Path, version: str, files: list[Path]) -> Path:
    """``myna_card_agent-<version>-py3-none-any.whl`` with a ``myna-card-agent`` command."""
    info = f"{DIST}-{version}.dist-info"
    entries: list[tuple[str, bytes]] = [(str(f), (ROOT / f).read_bytes()) for f in files]
    entries += [
        (f"{info}/METADATA", metadata(version).encode()),
        (
            f"{info}/WHEEL",
            WHEEL,
        ),
        (f"{info}/entry_points.txt", f"[console_scripts]\n{NAME} = {ENTRY}\n".encode()),
    ]
    record = "".join(f"{name},{_record_hash(data)},{len(data)}\n" for name, data in entries)
    entries.append((f"{info}/RECORD", (record + f"{info}/RECORD,,\n").encode()))
    path = out / f"{DIST}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as wheel:
        for name, data in entries:
            item = zipfile.ZipInfo(name, ZIP_TIME)
            item.external_attr = 0o644 << 16
            item.compress_type = zipfile.ZIP_DEFLATED
            wheel.writestr(item, data)
    return path


def _write(root: Path, relative: str, data: str | bytes, mode: int = 0o644) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    path.chmod(mode)


def build_deb(out: Path, version: str, files: list[Path], server: str) -> Path:
    """``myna-card-agent_<version>_all.deb``, built with ``dpkg-deb --root-owner-group``."""
    with tempfile.TemporaryDirectory() as work:
        stage = Path(work) / "stage"
        lib = "usr/lib/myna-card-agent"
        for f in files:
            _write(stage, f"{lib}/{f}", (ROOT / f).read_bytes())
        _write(stage, f"{lib}/{DIST}-{version}.dist-info/METADATA", metadata(version))
        _write(stage, f"usr/bin/{NAME}", LAUNCHER, 0o755)
        _write(stage, f"usr/lib/systemd/user/{NAME}.service", SERVICE)
        _write(stage, "etc/myna-card-agent/agent.env", f"MYNA_CARD_AGENT_SERVER={server}\n")
        _write(
            stage,
            f"usr/share/doc/{NAME}/copyright",
            "myna-guide card agent. License: MIT. Source: the myna-guide project.\n",
        )
        size_kib = sum(p.stat().st_size for p in stage.rglob("*") if p.is_file()) // 1024 + 1
        control = (
            f"Package: {NAME}\n"
            f"Version: {version}\n"
            "Architecture: all\n"
            "Maintainer: myna-guide <myna-guide@localhost>\n"
            "Section: utils\n"
            "Priority: optional\n"
            "Depends: python3 (>= 3.11), python3-pyscard, pcscd\n"
            f"Installed-Size: {size_kib}\n"
            f"Description: {SUMMARY}\n"
            " Runs on 127.0.0.1 for the logged-in user. The site sends the browser to the\n"
            " agent's own page, where the resident types the card PIN; the PIN goes to the card\n"
            " only, never to the site. Configure the site in /etc/myna-card-agent/agent.env.\n"
        )
        _write(stage, "DEBIAN/control", control)
        _write(stage, "DEBIAN/conffiles", "/etc/myna-card-agent/agent.env\n")
        _write(stage, "DEBIAN/postinst", POSTINST, 0o755)
        _write(stage, "DEBIAN/prerm", PRERM, 0o755)
        for directory in stage.rglob("*"):
            if directory.is_dir():
                directory.chmod(0o755)
        path = out / f"{NAME}_{version}_all.deb"
        env = {**os.environ, "SOURCE_DATE_EPOCH": "315532800"}
        subprocess.run(  # noqa: S603 - fixed arguments
            ["dpkg-deb", "--root-owner-group", "-Zxz", "--build", str(stage), str(path)],  # noqa: S607
            check=True,
            stdout=subprocess.DEVNULL,
            env=env,
        )
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--server",
        default=os.environ.get("MYNA_ORIGIN") or "http://localhost:5000",
        help="the site the Debian package's agent works for (default $MYNA_ORIGIN or "
        "http://localhost:5000)",
    )
    parser.add_argument("--out", type=Path, default=ROOT / "dist" / "agent")
    parser.add_argument("--no-deb", action="store_true", help="the wheel only")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    version = project_version()
    files = agent_files()
    built = [build_wheel(args.out, version, files)]
    if not args.no_deb:
        if shutil.which("dpkg-deb") is None:
            print("dpkg-deb not found: install dpkg, or pass --no-deb", file=sys.stderr)  # noqa: T201
            return 2
        built.append(build_deb(args.out, version, files, args.server))
    for path in built:
        print(f"{path} ({path.stat().st_size // 1024 + 1} KiB)")  # noqa: T201
    return 0


if __name__ == "__main__":
    sys.exit(main())
