"""The dashboard and JSON API."""
