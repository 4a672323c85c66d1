"""The README's two commands on a machine as it comes: the order of the install steps and the
one-line refusal when the Debian packages cannot be installed (issue: fresh machine).

`.ci/run` proves the whole path on every submission by removing the packages first; these tests
pin the two behaviours a new user meets before that: pyscard is never built before
libpcsclite-dev is there, and a missing package is one clear line, never a compiler traceback.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SYSTEM_DEPS = ROOT / "scripts" / "system-deps.sh"


def dry_run(target: str, tmp_path: Path) -> list[str]:
    """The commands `make TARGET` would run from scratch (a venv that does not exist yet)."""
    result = subprocess.run(
        ["make", "-n", "-C", str(ROOT), target, f"VENV={tmp_path / 'venv'}"],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.splitlines()


def first_index(lines: list[str], needle: str) -> int:
    return next(i for i, line in enumerate(lines) if needle in line)


def test_make_test_installs_debian_packages_before_building_pyscard(tmp_path: Path) -> None:
    lines = dry_run("test", tmp_path)
    assert first_index(lines, "system-deps.sh test") < first_index(lines, "'.[dev,card]'")


def test_make_run_installs_no_card_extra_and_needs_no_compiler_packages(tmp_path: Path) -> None:
    lines = dry_run("run", tmp_path)
    text = "\n".join(lines)
    assert "[dev,card]" not in text and "[card]" not in text
    assert first_index(lines, "system-deps.sh run") < first_index(lines, "install --quiet -e .")
    packages = subprocess.run(
        ["bash", str(SYSTEM_DEPS), "list", "run"], capture_output=True, text=True, check=True
    ).stdout.split()
    assert "libpcsclite-dev" not in packages and "fonts-ipaexfont" in packages


def fake_bin(tmp_path: Path, **scripts: str) -> dict[str, str]:
    """An environment whose PATH puts small stand-ins for system commands first."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name, body in scripts.items():
        path = bin_dir / name.replace("_", "-")
        path.write_text("#!/bin/sh\n" + body + "\n")
        path.chmod(0o755)
    return {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}"}


# Every package reads as missing, so the script has something to install.
NOT_INSTALLED = "exit 1"


@pytest.mark.parametrize(
    ("scripts", "reason"),
    [
        ({"dpkg_query": NOT_INSTALLED, "id": "echo 1000"}, "not root"),
        (
            {
                "dpkg_query": NOT_INSTALLED,
                "id": "echo 0",
                "apt_get": 'echo "E: Could not resolve host: deb.debian.org" >&2; exit 100',
            },
            "apt-get failed: E: Could not resolve host",
        ),
    ],
    ids=["not-root", "no-network"],
)
def test_packages_that_cannot_be_installed_stop_with_one_line_naming_them(
    tmp_path: Path, scripts: dict[str, str], reason: str
) -> None:
    result = subprocess.run(
        ["bash", str(SYSTEM_DEPS), "test"],
        capture_output=True,
        text=True,
        env=fake_bin(tmp_path, **scripts),
    )
    assert result.returncode == 1
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 1, result.stderr
    assert reason in errors[0]
    command = errors[0].split("install them as root with: ")[1]
    assert command.startswith("apt-get install ")
    for package in ("fonts-ipaexfont", "chromium", "pcscd", "vsmartcard-vpcd", "libpcsclite-dev"):
        assert package in command.split()
