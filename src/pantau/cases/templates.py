"""Indonesian templates for a holding statement and a press release.

The layout follows the corrections service's own releases: a title, a dateline opening
the body ("<tempat> – ..."), the body, then "<tempat>, <tanggal>" and a "Narahubung:"
block with role, name and phone. Output is plain text; the web page escapes it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from sqlalchemy.orm import Session

from pantau.cases.tables import Case
from pantau.settings import Settings
from pantau.store.tables import Unit

TEMPLATE_DIR = Path(__file__).parent / "templates"
KINDS = {"holding_statement": "holding_statement.txt.j2", "press_release": "press_release.txt.j2"}
KIND_LABELS_ID = {"holding_statement": "Pernyataan awal", "press_release": "Siaran pers"}

MONTHS_ID = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip

# How each crisis category is named in a first statement: careful, not admitting facts.
EVENTS_ID = {
    "escape": "dugaan warga binaan yang melarikan diri",
    "drugs": "dugaan peredaran narkotika",
    "contraband_phone": "dugaan barang terlarang di dalam hunian",
    "extortion_corruption": "dugaan pungutan liar",
    "violence_riot": "keributan di dalam unit",
    "death_health": "meninggalnya seorang warga binaan",
    "fire_disaster": "kebakaran atau bencana yang menimpa unit",
    "overcrowding": "kondisi hunian yang melebihi kapasitas",
    "staff_misconduct": "dugaan pelanggaran oleh petugas",
    "other_negative": "peristiwa yang sedang diberitakan",
}


def tanggal(day: date) -> str:
    """``9 November 2022``."""
    return f"{day.day} {MONTHS_ID[day.month - 1]} {day.year}"


@dataclass
class TemplateContext:
    unit_name: str
    place: str
    date: str
    event: str
    contact_name: str
    contact_role: str
    contact_phone: str = ""
    partners: str = ""
    title: str = ""
    lead: str = ""
    paragraphs: list[str] = field(default_factory=list)
    quote: str = ""
    quote_by: str = ""


def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATE_DIR),
        autoescape=False,  # plain text; HTML pages escape it when they show it
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )


def render(kind: str, context: TemplateContext) -> str:
    if kind not in KINDS:
        raise ValueError(f"Templat tidak dikenal: {kind}")
    return _environment().get_template(KINDS[kind]).render(**asdict(context))


def context_for_case(
    *, session: Session, case: Case, settings: Settings, now: datetime | None = None
) -> TemplateContext:
    """A context prefilled from the case, the unit and the configured spokesperson."""
    now = now or datetime.now(UTC)
    unit = session.get(Unit, case.unit_id) if case.unit_id is not None else None
    unit_name = unit.name if unit else "Direktorat Jenderal Pemasyarakatan"
    place = (unit.city or unit.place) if unit else "Jakarta"
    event = EVENTS_ID.get(case.category, EVENTS_ID["other_negative"])
    a = settings.alerts
    return TemplateContext(
        unit_name=unit_name,
        place=place,
        date=tanggal(now.astimezone(ZoneInfo(settings.timezone)).date()),
        event=event,
        contact_name=a.spokesperson_name or "(nama narahubung)",
        contact_role=a.spokesperson_role,
        contact_phone=a.spokesperson_phone,
        title=f"Penjelasan {unit_name} terkait {event}",
        lead=(
            f"{unit_name} memberikan penjelasan resmi terkait {event} yang diberitakan "
            "sejumlah media."
        ),
        paragraphs=["(Uraikan fakta, langkah yang sudah diambil, dan langkah berikutnya.)"],
    )


def draft(
    *,
    session: Session,
    case: Case,
    kind: str,
    settings: Settings,
    now: datetime | None = None,
    **overrides: str,
) -> str:
    """Render ``kind`` for ``case``; keyword overrides replace prefilled fields."""
    context = context_for_case(session=session, case=case, settings=settings, now=now)
    for name, value in overrides.items():
        if value and hasattr(context, name):
            setattr(context, name, value)
    return render(kind, context)
