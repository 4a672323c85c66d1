"""The journeys in Safari's engine: WebKitGTK through WebKitWebDriver (see README.md)."""
