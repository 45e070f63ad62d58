"""An ingestion run: inputs -> Article or RejectedInput(reason) -> stored item or quarantine.

Safety rules this module keeps:
- every input ends in exactly one outcome (added, duplicate, quarantined), counted in
  ``IngestRun.counts``; one bad input never stops the batch;
- an article is stored once: same canonical URL or same content hash is "already there"
  (checked first, and enforced by unique constraints if two writers race);
- each item is committed on its own, so a run killed mid-way keeps what it stored, and
  running it again adds what is missing and duplicates nothing.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, or_, select
from sqlalchemy.exc import (
    DataError,
    DBAPIError,
    IntegrityError,
    SQLAlchemyError,
    StatementError,
)
from sqlalchemy.orm import Session, sessionmaker

from pantau.errors import FetchError, RejectedInput
from pantau.ingest.extract import extract
from pantau.ingest.metadata import now_utc
from pantau.items import Article, Provenance, RawItem
from pantau.settings import Settings
from pantau.sources.base import SourceError, SourceResult
from pantau.sources.files import expand, plan_file, read_file
from pantau.store.tables import IngestRun, Item, Outlet, Quarantine
from pantau.vocab import Channel, ItemStatus

Progress = Callable[[int, int], None]
_QUARANTINED = "quarantined"
_SAMPLE_CHARS = 500


@dataclass(slots=True)
class Rejection:
    locator: str
    reason: str
    message: str


@dataclass(slots=True)
class IngestReport:
    """What one run did: counts by outcome, the rejections with reasons, the items stored."""

    run_id: int
    counts: dict[str, int] = field(default_factory=dict)
    rejections: list[Rejection] = field(default_factory=list)
    item_ids: list[int] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.counts.get(k, 0) for k in ("added", "duplicate", "updated", _QUARANTINED))

    def reasons(self) -> dict[str, int]:
        return dict(Counter(r.reason for r in self.rejections))


# -- hashing and outlets --------------------------------------------------------------


def _squash(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip().casefold()


def content_hash(article: Article) -> str:
    """Same outlet, title and body (spacing and case aside) = same content."""
    key = "\x1f".join((_squash(article.outlet), _squash(article.title), _squash(article.body)))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def outlet_tier(*, channel: str, domain: str | None) -> tuple[str, int]:
    """(kind, tier): 3 for official *.go.id sites, 4 for social/UGC, else 2 (regional)."""
    if channel == Channel.SOCIAL:
        return "social", 4
    if domain and (domain.endswith(".go.id") or domain == "go.id"):
        return "official", 3
    return "news", 2


def find_or_create_outlet(session: Session, *, article: Article) -> Outlet | None:
    name = (article.outlet or article.outlet_domain or article.platform or "").strip()[:200]
    if not name:
        return None
    domain = article.outlet_domain
    query = select(Outlet).where(func.lower(Outlet.name) == name.lower())
    outlet = session.scalars(query).first()
    if outlet is None and domain and not article.outlet:
        outlet = session.scalars(select(Outlet).where(Outlet.domain == domain)).first()
    if outlet is not None:
        if outlet.domain is None and domain:
            outlet.domain = domain
        return outlet
    kind, tier = outlet_tier(channel=article.channel, domain=domain)
    outlet = Outlet(name=name, domain=domain, kind=kind, tier=tier)
    session.add(outlet)
    session.flush()
    return outlet


# -- storing --------------------------------------------------------------------------


def _text(value: str | None, limit: int | None = None) -> str | None:
    """PostgreSQL refuses NUL characters in text; column sizes are hard limits."""
    if value is None:
        return None
    value = value.replace("\x00", "")
    return value[:limit] if limit else value


def _existing(session: Session, article: Article, digest: str) -> int | None:
    conditions = [Item.content_hash == digest]
    if article.canonical_url:
        conditions.append(Item.canonical_url == article.canonical_url)
    return session.scalars(select(Item.id).where(or_(*conditions)).limit(1)).first()


def validate(article: Article, *, default_tz: str) -> Article:
    if not article.body.strip():
        raise RejectedInput("no_text", f"Tidak ada teks artikel: {article.provenance.locator}")
    if article.published_at is not None and article.published_at.tzinfo is None:
        article.published_at = article.published_at.replace(tzinfo=ZoneInfo(default_tz))
    if article.channel not in (Channel.NEWS, Channel.SOCIAL):
        raise RejectedInput("bad_record", f"Kanal tidak dikenal: {article.channel}")
    if article.gold_labels is not None:
        try:
            json.dumps(article.gold_labels)
        except (TypeError, ValueError) as exc:
            message = f"Label bawaan tidak bisa disimpan sebagai JSON ({exc})"
            raise RejectedInput("bad_record", message) from exc
    return article


def store_article(
    session: Session, article: Article, *, run_id: int | None, feed_id: int | None = None
) -> tuple[ItemStatus, int]:
    """Store one article unless it is already there. Flushes; the caller commits."""
    digest = content_hash(article)
    found = _existing(session, article, digest)
    if found is not None:
        return ItemStatus.DUPLICATE, found
    outlet = find_or_create_outlet(session, article=article)
    item = Item(
        channel=article.channel, platform=_text(article.platform, 30), url=_text(article.url, 2000),
        canonical_url=_text(article.canonical_url, 2000),
        external_id=_text(article.external_id, 200), title=_text(article.title) or "",
        body=_text(article.body) or "", lead=_text(article.lead) or "",
        published_at=article.published_at, fetched_at=article.provenance.fetched_at or now_utc(),
        outlet_id=outlet.id if outlet else None, author=_text(article.author, 200),
        dateline=_text(article.dateline, 100), language=article.language, content_hash=digest,
        source_kind=article.provenance.source_kind[:20],
        source_locator=_text(article.provenance.locator, 1000) or "", run_id=run_id,
        gold_labels=article.gold_labels, feed_id=feed_id,
    )  # fmt: skip
    session.add(item)
    session.flush()
    return ItemStatus.ADDED, item.id


def _sample_text(sample: bytes | str | None) -> str | None:
    if sample is None:
        return None
    if isinstance(sample, bytes):
        sample = sample[: _SAMPLE_CHARS * 2].decode("utf-8", errors="replace")
    return _text(sample[:_SAMPLE_CHARS])


def quarantine(
    session: Session,
    *,
    run_id: int | None,
    provenance: Provenance,
    error: RejectedInput,
    sample: bytes | str | None = None,
) -> None:
    """Keep a rejected input with its reason, once per (locator, reason, content)."""
    raw = sample if isinstance(sample, bytes) else (sample or "").encode("utf-8", "replace")
    digest = hashlib.sha256(raw or f"{provenance.locator}|{error.message}".encode()).hexdigest()
    locator = _text(provenance.locator, 1000) or ""
    exists = session.scalars(
        select(Quarantine.id).where(
            Quarantine.locator == locator,
            Quarantine.reason == error.reason[:50],
            Quarantine.content_hash == digest,
        )
    ).first()
    if exists is None:
        session.add(
            Quarantine(
                run_id=run_id, source_kind=provenance.source_kind[:20], locator=locator,
                reason=error.reason[:50], message=_text(error.message) or "",
                sample=_sample_text(sample), content_hash=digest,
            )
        )  # fmt: skip
        session.flush()


# -- the run --------------------------------------------------------------------------

Input = SourceResult | Article


def _sample_of(result: Input) -> bytes | str | None:
    if isinstance(result, SourceError):
        return result.sample
    if isinstance(result, RawItem):
        return result.content if result.content is not None else str(result.record)
    return result.body


def _to_article(result: Input, settings: Settings) -> Article:
    if isinstance(result, SourceError):
        raise result.error
    if isinstance(result, Article):
        return validate(result, default_tz=settings.timezone)
    try:
        article = extract(result, default_tz=settings.timezone)
    except RejectedInput:
        raise
    except Exception as exc:  # an extractor bug on one odd input must not stop the batch
        raise RejectedInput(
            "extract_error", f"Ekstraksi gagal ({type(exc).__name__}: {exc})"
        ) from exc
    return validate(article, default_tz=settings.timezone)


def _provenance(result: Input) -> Provenance:
    return result.provenance


def _reject(
    session: Session, result: Input, error: RejectedInput, *, run: IngestRun, report: IngestReport
) -> None:
    provenance = _provenance(result)
    quarantine(session, run_id=run.id, provenance=provenance, error=error,
               sample=_sample_of(result))  # fmt: skip
    session.commit()
    report.counts[_QUARANTINED] = report.counts.get(_QUARANTINED, 0) + 1
    report.rejections.append(Rejection(provenance.locator, error.reason, error.message))


def _one(
    session: Session, result: Input, *, settings: Settings, run: IngestRun, feed_id: int | None,
    report: IngestReport,
) -> None:  # fmt: skip
    try:
        article = _to_article(result, settings)
        status, item_id = store_article(session, article, run_id=run.id, feed_id=feed_id)
        session.commit()
    except RejectedInput as error:
        session.rollback()
        _reject(session, result, error, run=run, report=report)
        return
    except IntegrityError:
        # another writer stored the same article between our check and our insert
        session.rollback()
        status, item_id = ItemStatus.DUPLICATE, 0
    except StatementError as exc:
        # a value the database refuses (odd types in a spreadsheet cell, ...): this input
        # only. A database that is down or locked is not the input's fault: stop the run.
        session.rollback()
        if isinstance(exc, DBAPIError) and not isinstance(exc, DataError):
            raise
        refused = RejectedInput("store_error", f"Tidak bisa disimpan ({type(exc).__name__})")
        _reject(session, result, refused, run=run, report=report)
        return
    report.counts[status.value] = report.counts.get(status.value, 0) + 1
    if status == ItemStatus.ADDED:
        report.item_ids.append(item_id)


def run_inputs(
    *,
    sessions: sessionmaker[Session],
    settings: Settings,
    inputs: Iterable[Input],
    source: str,
    total: int | None = None,
    progress: Progress | None = None,
    feed_id: int | None = None,
) -> IngestReport:
    """Process inputs one by one into items and quarantine rows, recording one IngestRun."""
    with sessions() as session:
        run = IngestRun(source=source[:1000], counts={})
        session.add(run)
        session.commit()
        report = IngestReport(run_id=run.id)
        done = 0
        try:
            for result in inputs:
                _one(session, result, settings=settings, run=run, feed_id=feed_id, report=report)
                done += 1
                if progress is not None:
                    progress(done, max(total or 0, done))
                if done % 25 == 0:
                    run.counts = dict(report.counts)
                    session.commit()
            run.status = "done"
        except BaseException:
            session.rollback()
            run.status = "failed"
            raise
        finally:
            run.counts = dict(report.counts)
            run.finished_at = now_utc()
            _safe_commit(session)
    return report


def _safe_commit(session: Session) -> None:
    try:
        session.commit()
    except SQLAlchemyError:
        session.rollback()


# -- public entry points --------------------------------------------------------------


def is_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


def _url_input(url: str, settings: Settings) -> SourceResult:
    from pantau.sources.web import fetch_page

    try:
        return fetch_page(url, settings=settings.ingest)
    except FetchError as error:
        return SourceError(Provenance("url", url, fetched_at=now_utc()), error)


def _inputs(paths: Sequence[str], settings: Settings) -> tuple[list[Any], int]:
    plans: list[Any] = []
    for given in paths:
        if is_url(given):
            plans.append(given)
            continue
        path = Path(given)
        if not path.exists():
            plans.append(path)
            continue
        plans.extend(plan_file(file) for file in expand(path))
    total = sum(getattr(plan, "estimate", 1) for plan in plans)
    return plans, total


def _iterate(plans: list[Any], settings: Settings) -> Iterator[SourceResult]:
    for plan in plans:
        if isinstance(plan, str):
            yield _url_input(plan, settings)
        elif isinstance(plan, Path):
            yield SourceError(
                Provenance("file", str(plan), fetched_at=now_utc()),
                RejectedInput("not_found", f"Berkas atau folder tidak ada: {plan}"),
            )
        else:
            yield from read_file(plan, settings=settings.ingest)


def ingest_paths(
    *,
    sessions: sessionmaker[Session],
    settings: Settings,
    paths: Sequence[str],
    progress: Progress | None = None,
) -> IngestReport:
    """Ingest files, folders and URLs. Never raises for bad input: see the report."""
    plans, total = _inputs(paths, settings)
    return run_inputs(
        sessions=sessions, settings=settings, inputs=_iterate(plans, settings),
        source=", ".join(paths), total=total, progress=progress,
    )  # fmt: skip


def ingest_articles(
    *,
    sessions: sessionmaker[Session],
    settings: Settings,
    articles: Iterable[Article],
    source: str = "articles",
    total: int | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    """Store already-built Articles (the demo corpus, tests) with the same guarantees."""
    return run_inputs(
        sessions=sessions, settings=settings, inputs=articles, source=source, total=total,
        progress=progress,
    )  # fmt: skip
