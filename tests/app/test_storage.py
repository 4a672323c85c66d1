"""Storage on both databases: migrations, encryption at rest, constraints."""

from __future__ import annotations

import base64
import secrets

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask import Flask
from sqlalchemy import inspect, select
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.storage import drafts, users
from app.storage.crypto import DecryptionError, FieldCipher, parse_key
from app.storage.models import Base, Draft, User


def test_migrations_create_exactly_what_the_models_describe(any_db_app: Flask) -> None:
    engine = db.engine_for(any_db_app)
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert diff == []
    assert {"users", "credentials", "challenges", "drafts"} <= set(
        inspect(engine).get_table_names()
    )


def test_display_names_are_stored_encrypted_and_read_back(any_db_app: Flask) -> None:
    with any_db_app.app_context():
        user = users.create_user(db.session, "山田 花子")
        db.session.commit()
        raw = db.session.scalars(select(User.display_name_enc)).one()
        assert "山田".encode() not in raw
        db.session.expire_all()
        assert users.display_name(db.session.get(User, user.id)) == "山田 花子"


def test_one_draft_per_user_and_form_and_saving_replaces_it(any_db_app: Flask) -> None:
    with any_db_app.app_context():
        user = users.create_user(db.session, "A")
        db.session.commit()
        drafts.save(db.session, user.id, "apply.contact", {"email": "a@example.jp"})
        db.session.commit()
        drafts.save(db.session, user.id, "apply.contact", {"email": "b@example.jp"})
        db.session.commit()
        assert drafts.load(db.session, user.id, "apply.contact") == {"email": "b@example.jp"}
        assert len(db.session.scalars(select(Draft)).all()) == 1
        db.session.add(Draft(user_id=user.id, form_key="apply.contact", data_enc=b"x"))
        with pytest.raises(IntegrityError):
            db.session.commit()


def test_deleting_a_user_deletes_their_drafts(any_db_app: Flask) -> None:
    with any_db_app.app_context():
        user = users.create_user(db.session, "A")
        db.session.commit()
        drafts.save(db.session, user.id, "nhi.household", {"n": 3})
        db.session.commit()
        db.session.delete(user)
        db.session.commit()
        assert db.session.scalars(select(Draft)).first() is None


def test_sqlite_runs_in_wal_mode(app: Flask) -> None:
    with db.engine_for(app).connect() as connection:
        mode = connection.exec_driver_sql("PRAGMA journal_mode").scalar()
    assert mode == "wal"


def test_a_value_moved_to_another_column_or_altered_does_not_decrypt() -> None:
    cipher = FieldCipher(secrets.token_bytes(32))
    token = cipher.encrypt(b"Hanako", context=b"users.display_name")
    with pytest.raises(DecryptionError):
        cipher.decrypt(token, context=b"drafts.data")
    tampered = token[:-1] + bytes([token[-1] ^ 1])
    with pytest.raises(DecryptionError):
        cipher.decrypt(tampered, context=b"users.display_name")
    with pytest.raises(DecryptionError):
        FieldCipher(secrets.token_bytes(32)).decrypt(token, context=b"users.display_name")


def test_data_key_must_be_32_bytes() -> None:
    assert len(parse_key(base64.urlsafe_b64encode(secrets.token_bytes(32)).decode())) == 32
    with pytest.raises(ValueError, match="32 bytes"):
        parse_key(base64.urlsafe_b64encode(secrets.token_bytes(16)).decode())


def test_files_are_encrypted_and_only_their_owner_reads_them(any_db_app: Flask) -> None:
    from app.storage import blobs

    photo = b"\xff\xd8\xff\xe0 pretend JPEG with a face" * 100
    with any_db_app.app_context():
        owner = users.create_user(db.session, "A")
        other = users.create_user(db.session, "B")
        db.session.commit()
        blob_id = blobs.put(
            db.session, photo, kind="photo", media_type="image/jpeg", owner_id=owner.id
        )
        db.session.commit()
        from app.storage.models import Blob

        raw = db.session.scalars(select(Blob.data_enc)).one()
        assert b"pretend JPEG" not in raw
        stored = blobs.get(db.session, blob_id, owner_id=owner.id)
        assert stored is not None and stored.data == photo and stored.media_type == "image/jpeg"
        assert blobs.get(db.session, blob_id, owner_id=other.id) is None


def test_swapping_two_files_contents_is_detected(app: Flask) -> None:
    from app.storage import blobs
    from app.storage.models import Blob

    with app.app_context():
        first = blobs.put(db.session, b"first", kind="attachment", media_type="application/pdf")
        second = blobs.put(db.session, b"second", kind="attachment", media_type="application/pdf")
        db.session.commit()
        a, b = db.session.get(Blob, first), db.session.get(Blob, second)
        a.data_enc, b.data_enc = b.data_enc, a.data_enc
        db.session.commit()
        with pytest.raises(DecryptionError):
            blobs.get(db.session, first)
