"""The one failure convention of services: raise a `ServiceError` (rendered by `app/errors.py`
with its `status`), or return a value."""

from __future__ import annotations

from typing import TypeVar

T = TypeVar("T")


class ServiceError(Exception):
    """A request the service refuses; `status` is the HTTP status a view should answer with."""

    status: int = 400


class NotFound(ServiceError):
    status = 404


class Conflict(ServiceError):
    status = 409


def found(row: T | None) -> T:
    """The record, or `NotFound` (404): for anyone else's record as for a missing one."""
    if row is None:
        raise NotFound
    return row
