"""Structure-aware inputs for the fuzz targets: valid seeds with a few byte-level mutations.

Random bytes alone rarely get past a parser's first length check; a real certificate or APDU
with one changed byte, a cut or a spliced copy reaches the deep branches (as the outside test's
mutator did, security.md section 5).
"""

from __future__ import annotations

from hypothesis import strategies as st


@st.composite
def mutated(draw: st.DrawFn, seeds: st.SearchStrategy[bytes], max_mutations: int = 4) -> bytes:
    """A seed from ``seeds`` after 0..``max_mutations`` flips, overwrites, inserts, cuts,
    truncations or duplicated slices."""
    data = bytearray(draw(seeds))
    for _ in range(draw(st.integers(0, max_mutations))):
        kind = draw(st.sampled_from(["flip", "set", "insert", "delete", "truncate", "splice"]))
        at = draw(st.integers(0, len(data))) if data else 0
        if kind == "flip" and at < len(data):
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif kind == "set" and at < len(data):
            data[at] = draw(st.sampled_from([0x00, 0x01, 0x7F, 0x80, 0x81, 0x82, 0x83, 0xFF]))
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif kind == "delete":
            del data[at : at + draw(st.integers(1, 16))]
        elif kind == "truncate":
            del data[at:]
        elif kind == "splice" and data:
            start = draw(st.integers(0, len(data) - 1))
            data[at:at] = data[start : start + draw(st.integers(1, 32))]
    return bytes(data)


def bytes_or_mutated(
    seeds: st.SearchStrategy[bytes], max_size: int = 600
) -> st.SearchStrategy[bytes]:
    """Plain random bytes half the time, mutated seeds the other half."""
    return st.one_of(st.binary(max_size=max_size), mutated(seeds))
