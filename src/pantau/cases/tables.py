"""Tables of the cases domain (on the shared declarative base)."""

from __future__ import annotations
