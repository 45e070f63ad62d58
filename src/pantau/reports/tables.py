"""Tables of the reports domain (on the shared declarative base)."""

from __future__ import annotations
