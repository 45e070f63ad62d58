"""Tables of the surveys domain (on the shared declarative base)."""

from __future__ import annotations
