"""Which card route and which agent download fit the visitor's device, from its User-Agent.

Only a default: every page that uses it still offers the other choices, because a User-Agent
can lie (an iPad asks for the desktop site and says "Macintosh").

Sources:
- https://developer.mozilla.org/en-US/docs/Web/HTTP/Browser_detection_using_the_user_agent
  (MDN, "Browser detection using the user agent"): the tokens browsers send, "Mobi" for
  phones, "Android", "iPhone"/"iPad", "Windows NT", "Macintosh", "X11; Linux".
"""

from __future__ import annotations

from enum import Enum


class System(Enum):
    PHONE = "phone"  # Android or iOS: the Digital Authentication App, no desktop agent
    LINUX = "linux"  # the .deb (Debian, Ubuntu); other distributions use the wheel
    MAC = "mac"
    WINDOWS = "windows"
    OTHER = "other"


def system_of(user_agent: str) -> System:
    """The visitor's system; ``OTHER`` when the User-Agent says nothing we know."""
    agent = user_agent or ""
    if any(token in agent for token in ("Android", "iPhone", "iPad", "Mobi")):
        return System.PHONE
    if "Windows NT" in agent:
        return System.WINDOWS
    if "Macintosh" in agent or "Mac OS X" in agent:
        return System.MAC
    if "Linux" in agent or "X11" in agent:
        return System.LINUX
    return System.OTHER


def is_phone(user_agent: str) -> bool:
    return system_of(user_agent) is System.PHONE
