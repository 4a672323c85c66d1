"""End-to-end journeys: Playwright on Debian's Chromium against a live server (see README.md)."""
