"""What every command needs: settings, a migrated database, a console, progress bars."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from pantau.settings import Settings, load_settings
from pantau.store.db import engine_from_settings, make_sessionmaker, session_scope
from pantau.store.migrate import upgrade

console = Console()
err_console = Console(stderr=True)


@dataclass
class Runtime:
    """Built once per command invocation from the settings."""

    settings: Settings

    @cached_property
    def engine(self) -> Engine:
        engine = engine_from_settings(self.settings)
        upgrade(engine)
        return engine

    @cached_property
    def sessions(self) -> sessionmaker[Session]:
        return make_sessionmaker(self.engine)

    @contextmanager
    def session(self) -> Iterator[Session]:
        with session_scope(self.sessions) as session:
            yield session


def runtime() -> Runtime:
    return Runtime(load_settings())


def progress() -> Progress:
    """The one progress bar style for long work."""
    return Progress(
        SpinnerColumn(),
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=err_console,
        transient=False,
    )
