"""Pantau: media monitoring and crisis communication for Indonesia's corrections service."""

__version__ = "0.1.0"
