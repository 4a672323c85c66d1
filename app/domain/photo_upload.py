"""The photo upload's refusals, as `routes/photo.py` and `services/photos.py` (the photo
engineer's) still name them: a thin view of `app.domain.files` with the rule `files.PHOTO`.

Delete at merge, once those two modules call `files.head_problem(head, size, files.PHOTO)`
and take their messages from `components/upload.html`.
"""

from __future__ import annotations

from enum import Enum

from app.domain import files

MAX_BYTES = files.PHOTO.max_bytes


class UploadProblem(Enum):
    MISSING = "missing"
    EMPTY = "empty"
    TOO_LARGE = "too_large"
    NOT_JPEG = "wrong_type"


def sniff(head: bytes, size: int) -> UploadProblem | None:
    """Size from the stream's length and type from the first bytes, never from the name."""
    problem = files.head_problem(head, size, files.PHOTO)
    return None if problem is None else UploadProblem(problem.value)
