"""Tables of the alerts domain (on the shared declarative base)."""

from __future__ import annotations
