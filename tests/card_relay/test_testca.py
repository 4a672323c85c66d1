"""The test CA is shared through the file system and identities load from TOML or JSON."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from cryptography import x509

from card_relay import oids
from card_relay.testca import TestCa, default_dir, load_or_create
from card_relay.testca.identity import DEFAULT, IdentityError, load_identity, to_toml


def test_a_second_load_returns_the_same_ca(testca: TestCa) -> None:
    again = load_or_create(testca.directory)
    assert again.ca_certs == testca.ca_certs


def test_another_process_sees_the_same_ca_and_certificates(testca: TestCa) -> None:
    code = (
        "from card_relay.testca import load_or_create;"
        "ca = load_or_create();"
        "print(ca.issue().auth_cert.serial_number, ca.ca_certs['auth'].serial_number)"
    )
    env = {**os.environ, "CARD_RELAY_TESTCA_DIR": str(testca.directory)}
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout.split()
    assert [int(v) for v in out] == [
        testca.issue().auth_cert.serial_number,
        testca.ca_certs["auth"].serial_number,
    ]


def test_the_directory_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CARD_RELAY_TESTCA_DIR", "/somewhere/ca")
    assert default_dir() == Path("/somewhere/ca")


def test_the_command_line_writes_ca_crls_and_identities(testca: TestCa) -> None:
    subprocess.run(
        [sys.executable, "-m", "card_relay.testca", str(testca.directory)],
        check=True,
        capture_output=True,
    )
    names = {p.name for p in (testca.directory / "identities").iterdir()}
    assert names == {"default.toml", "expired.toml", "not-yet-valid.toml", "revoked.toml"}
    assert load_identity(testca.directory / "identities" / "revoked.toml").revoked
    for path in (testca.auth_ca_path, testca.sign_ca_path):
        assert x509.load_pem_x509_certificate(path.read_bytes())


def test_profile_puts_attributes_only_in_the_signature_certificate(testca: TestCa) -> None:
    issued = testca.issue()
    for cert in (issued.auth_cert, issued.sign_cert):
        assert cert.public_key().key_size == 2048  # type: ignore[union-attr]
        assert cert.signature_algorithm_oid == x509.oid.SignatureAlgorithmOID.RSA_WITH_SHA256
    san = issued.sign_cert.extensions.get_extension_for_class(x509.SubjectAlternativeName)
    found = {name.type_id for name in san.value.get_values_for_type(x509.OtherName)}
    assert found == {oids.NAME, oids.SEX, oids.BIRTH_DATE, oids.ADDRESS}
    with pytest.raises(x509.ExtensionNotFound):
        issued.auth_cert.extensions.get_extension_for_class(x509.SubjectAlternativeName)
    sign_usage = issued.sign_cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert sign_usage.content_commitment and sign_usage.digital_signature


def test_identity_round_trips_through_toml(tmp_path: Path) -> None:
    path = tmp_path / "me.toml"
    path.write_text(to_toml(DEFAULT), encoding="utf-8")
    assert load_identity(path) == DEFAULT


def test_identity_loads_from_json(tmp_path: Path) -> None:
    path = tmp_path / "me.json"
    data = {
        "id": "taro",
        "name": "番号　太郎",
        "address": "大阪府",
        "birth_date": "1955-03-04",
        "sex": "1",
        "signature_pin": "PASS1234",
    }
    path.write_text(json.dumps(data), encoding="utf-8")
    identity = load_identity(path)
    assert identity.birth_date == date(1955, 3, 4)
    assert identity.auth_pin == "1234"


@pytest.mark.parametrize(
    "override",
    [{"sex": "3"}, {"auth_pin": "12345"}, {"signature_pin": "abc123"}, {"nickname": "x"}],
)
def test_bad_identity_files_are_refused(tmp_path: Path, override: dict[str, str]) -> None:
    data = {"id": "x", "name": "n", "address": "a", "birth_date": "2000-01-01", "sex": "1"}
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({**data, **override}), encoding="utf-8")
    with pytest.raises(IdentityError):
        load_identity(path)
