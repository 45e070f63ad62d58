"""What every command needs: settings, a migrated database, a console, progress bars."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

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

from pantau.settings import Settings, load_settings

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker

console = Console()
err_console = Console(stderr=True)


@dataclass
class Runtime:
    """Built once per command invocation from the settings."""

    settings: Settings

    @cached_property
    def engine(self) -> Engine:
        # Imported here so that `pantau --help` does not load SQLAlchemy's engine or Alembic.
        from pantau.store.db import engine_from_settings
        from pantau.store.migrate import upgrade

        engine = engine_from_settings(self.settings)
        upgrade(engine)
        return engine

    @cached_property
    def sessions(self) -> sessionmaker[Session]:
        from pantau.store.db import make_sessionmaker

        return make_sessionmaker(self.engine)

    @contextmanager
    def session(self) -> Iterator[Session]:
        from pantau.store.db import session_scope

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
