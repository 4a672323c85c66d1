"""One budget for every fuzz target, so `make fuzz` can raise them all at once."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

#: Examples per target: small in the test suite, large under `make fuzz`.
FUZZ_EXAMPLES = int(os.environ.get("MYNA_FUZZ_EXAMPLES", "300"))

fuzz_settings = settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,
)
