"""Fuzz targets: every parser that reads outside input, driven by Hypothesis.

The suite runs each target on a small budget; `make fuzz` runs the same targets on a big one
(`MYNA_FUZZ_EXAMPLES`). A target asserts the parser's contract: it answers its documented
error, never another exception, and never hangs.
"""
