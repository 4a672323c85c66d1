"""The database handle: one engine per app, one session per app context."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any

from flask import Flask, g
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker


class Database:
    """Binds SQLAlchemy to a Flask app, in the init_app style of Flask extensions."""

    def __init__(self) -> None:
        self._engines: dict[int, Engine] = {}
        self._makers: dict[int, sessionmaker[Session]] = {}

    def init_app(self, app: Flask) -> None:
        engine = make_engine(app.config["DATABASE_URL"])
        self._engines[id(app)] = engine
        self._makers[id(app)] = sessionmaker(engine, expire_on_commit=False)
        app.extensions["myna_db"] = self
        app.teardown_appcontext(self._close_session)

    def engine_for(self, app: Flask) -> Engine:
        return self._engines[id(app)]

    @property
    def session(self) -> Session:
        """The session of the current app context, created on first use."""
        from flask import current_app

        if "db_session" not in g:
            g.db_session = self._makers[id(current_app._get_current_object())]()  # type: ignore[attr-defined]
        return g.db_session  # type: ignore[no-any-return]

    def _close_session(self, _exc: BaseException | None) -> None:
        session = g.pop("db_session", None)
        if session is not None:
            session.close()

    def transaction(self) -> AbstractContextManager[Session]:
        """This app context's session, committed on success and rolled back on any error."""
        return transaction(self.session)


@contextmanager
def transaction(session: Session) -> Iterator[Session]:
    """Commit on success, roll back on any error: the one place a unit of work ends."""
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise


def make_engine(url: str, **kwargs: Any) -> Engine:
    """Create an engine; SQLite gets WAL mode, foreign keys and a busy timeout."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 15}, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True, **kwargs)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()
