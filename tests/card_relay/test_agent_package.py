"""The installable agent: the wheel and the Debian package that scripts/build_agent_package.py
builds, installed into a temporary root and run from there against the real app, with the
simulated card behind real pcscd + vpcd, through an authentication and a signature.

The installed agent runs on ``python -S`` (no site-packages) with only pyscard on its path, so it
cannot borrow a module from this checkout or from the project's dependencies (Flask, OpenCV,
cryptography): whatever the packages forgot to include fails here.
"""

from __future__ import annotations

import email.parser
import os
import re
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import smartcard

from e2e.server import LiveServer
from tests.card_relay import test_pcscd, test_relay_support
from tests.card_relay.test_pcscd import Simulator
from tests.card_relay.test_relay_support import SitePage

ROOT = Path(__file__).resolve().parents[2]
vpcd_reader, simulator, site = test_pcscd.vpcd_reader, test_pcscd.simulator, test_relay_support.site
AUTH_PIN, SIGN_PIN = "1234", "ABCD1234"  # the default identity's (docs/card_relay.md)


@dataclass(frozen=True)
class Built:
    wheel: Path
    deb: Path


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    out = tmp_path_factory.mktemp("agent-dist")
    subprocess.run(
        [sys.executable, str(ROOT / "scripts/build_agent_package.py"), "--out", str(out)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return Built(next(out.glob("*.whl")), next(out.glob("*.deb")))


def _deb_field(deb: Path, name: str) -> str:
    return subprocess.run(
        ["dpkg-deb", "--field", str(deb), name], capture_output=True, text=True, check=True
    ).stdout.strip()


def _deb_file(deb: Path, tmp_path: Path, inside: str) -> str:
    root = tmp_path / "deb"
    if not root.exists():
        subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
        subprocess.run(["dpkg-deb", "-e", str(deb), str(root / "DEBIAN")], check=True)
    return (root / inside).read_text()


def test_the_wheel_holds_the_agent_and_needs_pyscard_only(built: Built) -> None:
    with zipfile.ZipFile(built.wheel) as wheel:
        names = wheel.namelist()
        info = next(n for n in names if n.endswith(".dist-info/METADATA"))
        meta = email.parser.Parser().parsestr(wheel.read(info).decode())
        entry_points = wheel.read(info.replace("METADATA", "entry_points.txt")).decode()
    assert meta["Name"] == "myna-card-agent"
    assert meta.get_all("Requires-Dist") == ["pyscard>=2.0"]
    assert "myna-card-agent = card_relay.agent.cli:main" in entry_points
    assert "card_relay/agent/server.py" in names and "card_relay/pcsc.py" in names
    # Its page texts in every language there is a file for (card_relay/agent/strings.py).
    assert {"card_relay/agent/locales/ja.json", "card_relay/agent/locales/en.json"} <= set(names)
    assert "card_relay/languages.py" in names
    for left_out in ("card_relay/verify.py", "card_relay/simulator/", "card_relay/testca/", "app/"):
        assert not any(n.startswith(left_out) for n in names), left_out
    assert len(names) == len(set(names))


def test_the_deb_depends_on_debians_pcscd_and_pyscard_and_starts_at_login(
    built: Built, tmp_path: Path
) -> None:
    depends = _deb_field(built.deb, "Depends")
    assert {"pcscd", "python3-pyscard"} <= {d.split()[0] for d in depends.split(", ")}
    service = _deb_file(built.deb, tmp_path, "usr/lib/systemd/user/myna-card-agent.service")
    assert "ExecStart=/usr/bin/myna-card-agent" in service
    assert "WantedBy=default.target" in service
    assert "MYNA_CARD_AGENT_SERVER=" in _deb_file(
        built.deb, tmp_path, "etc/myna-card-agent/agent.env"
    )
    postinst = _deb_file(built.deb, tmp_path, "DEBIAN/postinst")
    prerm = _deb_file(built.deb, tmp_path, "DEBIAN/prerm")
    assert "systemctl --global enable myna-card-agent.service" in postinst
    assert "systemctl --global disable myna-card-agent.service" in prerm
    conffiles = _deb_file(built.deb, tmp_path, "DEBIAN/conffiles").split()
    assert conffiles == ["/etc/myna-card-agent/agent.env"]
    for script in ("postinst", "prerm"):
        subprocess.run(["sh", "-n", str(tmp_path / "deb/DEBIAN" / script)], check=True)


def _install(kind: str, built: Built, root: Path) -> list[str]:
    """Install into ``root`` as the resident would; the command that starts the agent."""
    if kind == "deb":
        subprocess.run(["dpkg", "-x", str(built.deb), str(root)], check=True)
        return [sys.executable, "-S", str(root / "usr/bin/myna-card-agent")]
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-index"]
        + ["--target", str(root), str(built.wheel)],
        check=True,
        timeout=120,
    )
    assert (root / "bin/myna-card-agent").exists()  # the command pipx would put on PATH
    return [sys.executable, "-S", "-m", "card_relay.agent"]


@pytest.fixture(params=["deb", "wheel"])
def installed_agent(
    request: pytest.FixtureRequest,
    built: Built,
    site: LiveServer,
    simulator: Simulator,
    tmp_path: Path,
) -> Iterator[subprocess.Popen[str]]:
    root, deps = tmp_path / "root", tmp_path / "deps"
    deps.mkdir()
    # pyscard, as Debian's python3-pyscard or pip would provide it; nothing else.
    (deps / "smartcard").symlink_to(Path(smartcard.__file__).parent)
    command = _install(request.param, built, root)
    path = [str(deps)] if request.param == "deb" else [str(root), str(deps)]
    env = {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": os.pathsep.join(path),
        "PYTHONDONTWRITEBYTECODE": "1",
        "MYNA_CARD_AGENT_SERVER": site.url,  # as the package's agent.env sets it
    }
    proc = subprocess.Popen(
        [*command, "--port", "0", "--reader", simulator.reader],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    found = re.search(r"on (http://127\.0\.0\.1:\d+)", line)
    if found is None:
        proc.kill()
        pytest.fail(
            f"the installed agent did not start: {line}{proc.stderr.read() if proc.stderr else ''}"
        )
    site.app.config["RELAY_AGENT_URL"] = found.group(1)
    yield proc
    proc.terminate()
    proc.wait(timeout=10)


@pytest.mark.card
def test_the_installed_agent_authenticates_and_signs(
    installed_agent: subprocess.Popen[str], site: LiveServer
) -> None:
    page = SitePage(site)
    pin_page = page.launch(page.start("auth"))
    assert pin_page.status_code == 200, pin_page.text
    back = page.post_pin(pin_page, pin=AUTH_PIN)
    assert back.status_code == 303
    assert "Your card works" in page.claim(back.headers["Location"]).get_text()

    document = page.register_document("国民健康保険 加入の申請", ["氏名: 番号　花子"], b"form")
    pin_page = page.launch(page.start("sign", document=document))
    assert pin_page.status_code == 200, pin_page.text
    back = page.post_pin(pin_page, pin=SIGN_PIN)
    assert back.status_code == 303
    assert "Your card was read and checked." in page.get(back.headers["Location"]).text
