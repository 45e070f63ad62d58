"""One settings object for the whole of Pantau.

Values come, in rising priority, from defaults here, an optional ``pantau.toml``
(path in ``PANTAU_CONFIG``, else ``./pantau.toml``) and ``PANTAU_*`` environment
variables. Nested sections use a double underscore: ``PANTAU_WEB__SECRET_KEY``.
Settings are built once by :func:`load_settings` and passed down; nothing reads
them at import time.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)


class IngestSettings(BaseModel):
    """Fetching and extraction limits (sources, ingest)."""

    http_timeout_seconds: float = Field(15.0, description="Timeout for one HTTP request.")
    max_bytes: int = Field(10 * 1024 * 1024, description="Largest page or file accepted, in bytes.")
    max_redirects: int = Field(5, description="Redirects followed before a fetch is refused.")
    allow_private_addresses: bool = Field(
        False,
        description="Allow fetching loopback, private and link-local addresses (tests only).",
    )
    user_agent: str = Field(
        "Pantau/0.1 (+pemantauan media Pemasyarakatan)", description="HTTP User-Agent."
    )
    feed_stale_hours: int = Field(
        48, description="A feed with no new item for this long is flagged."
    )
    max_bulk_bytes: int = Field(
        500 * 1024 * 1024,
        description="Largest bulk export (JSONL/CSV/XLSX) accepted, in bytes; read row by row.",
    )
    feed_fetch_pages: bool = Field(
        True,
        description="Fetch the article page when a feed entry carries only a short summary.",
    )
    feed_summary_min_chars: int = Field(
        400, description="A feed entry shorter than this is a summary; its page is fetched."
    )


class AnalysisSettings(BaseModel):
    """Analysis pipeline (analyse)."""

    review_confidence: float = Field(
        0.6, description="Items whose label confidence is below this go to the review queue."
    )
    model_dir: Path | None = Field(
        None, description="Where trained models are kept; default: <data_dir>/models."
    )
    units_file: Path | None = Field(
        None,
        description=(
            "Units gazetteer CSV the analysers read; default: <data_dir>/gazetteer/units.csv "
            "when `pantau units import` has written one, else the list shipped with Pantau."
        ),
    )
    pilot_units_file: Path | None = Field(
        None,
        description=(
            "Pilot crisis-management units, one canonical name per line (editable); "
            "default: the 50-unit list shipped with Pantau."
        ),
    )
    story_window_days: float = Field(
        7.0, description="Copies of one story are looked for within this many days."
    )


class WebSettings(BaseModel):
    """Dashboard and API (web)."""

    host: str = Field("127.0.0.1", description="Address the dashboard listens on.")
    port: int = Field(8000, description="Port the dashboard listens on.")
    secret_key: str = Field(
        "", description="Session signing key; generated into data_dir if empty."
    )
    secure_cookies: bool = Field(False, description="Mark cookies Secure (set true behind HTTPS).")


class MailSettings(BaseModel):
    """Outgoing email (SMTP), shared by alerts and scheduled reports."""

    smtp_host: str = Field("", description="SMTP server; empty disables email.")
    smtp_port: int = Field(25, description="SMTP port (587 with STARTTLS, 465 with TLS).")
    smtp_user: str = Field("", description="SMTP login, if the server needs one.")
    smtp_password: str = Field("", description="SMTP password, if the server needs one.")
    smtp_security: str = Field("none", description="none, starttls or tls.")
    sender: str = Field("pantau@localhost", description="From address of Pantau's emails.")
    timeout_seconds: float = Field(10.0, description="Timeout for one SMTP conversation.")


class AlertSettings(BaseModel):
    """Early warning and notification (alerts, cases)."""

    escalate_after_minutes: int = Field(
        30, description="Escalate an unacknowledged alert after this."
    )
    # Rules
    lookback_hours: int = Field(
        24, description="Items published this recently are checked by the rules."
    )
    crisis_categories: list[str] = Field(
        ["escape", "death_health", "violence_riot", "fire_disaster"],
        description="Crisis categories that raise an alert anywhere in the country.",
    )
    dedupe_hours: int = Field(
        48, description="A new firing with the same key within this time updates the old alert."
    )
    # Volume detection
    windows_hours: list[int] = Field(
        [6, 24, 72], description="Recent windows (hours) each compared with its baseline."
    )
    baseline_weeks: int = Field(
        4, description="Weeks of history for the same-weekday, same-hour baseline."
    )
    volume_alpha: float = Field(
        1e-4, description="Poisson tail probability below which a volume is unusual."
    )
    volume_min_count: int = Field(4, description="Fewest items in the window to fire.")
    volume_min_ratio: float = Field(2.0, description="Observed / expected ratio needed to fire.")
    volume_floor: float = Field(
        0.3, description="Smallest expected count per window (quiet series are not zero)."
    )
    spread_outlets: int = Field(
        5, description="A negative story in this many outlets raises a spread alert."
    )
    spread_provinces: int = Field(
        3, description="A negative story reaching this many provinces raises a spread alert."
    )
    # Severity
    level2_outlets: int = Field(3, description="Outlets from which an alert is level 2.")
    level3_outlets: int = Field(10, description="Outlets from which an alert is level 3 (viral).")
    level3_provinces: int = Field(
        3, description="Provinces from which an alert is level 3 (national)."
    )
    level3_items: int = Field(25, description="Items from which an alert is level 3 (viral).")
    # Routing and delivery
    rate_limit_per_hour: int = Field(
        10, description="Most notifications one address receives per hour."
    )
    quiet_start_hour: int = Field(
        22, description="Quiet hours start (local hour); only level 3 is sent then."
    )
    quiet_end_hour: int = Field(6, description="Quiet hours end (local hour).")
    timezone: str = Field("Asia/Jakarta", description="Time zone of quiet hours.")
    dashboard_url: str = Field(
        "http://127.0.0.1:8000", description="Base URL put in notifications."
    )
    webhook_secret: str = Field("", description="Shared secret for webhook HMAC-SHA256 signatures.")
    telegram_base_url: str = Field(
        "https://api.telegram.org", description="Telegram Bot API base URL."
    )
    telegram_token: str = Field("", description="Telegram bot token; empty disables Telegram.")
    whatsapp_url: str = Field("", description="WhatsApp HTTP gateway URL; empty disables it.")
    whatsapp_token: str = Field("", description="Bearer token for the WhatsApp gateway.")
    send_timeout_seconds: float = Field(10.0, description="Timeout of one delivery attempt.")
    send_retries: int = Field(3, description="Attempts per delivery before it is marked failed.")
    send_backoff_seconds: float = Field(
        1.0, description="First retry delay; doubles with each attempt."
    )
    # Cases
    sla_first_response_minutes: int = Field(
        30, description="A case must get its first response within this."
    )
    sla_holding_statement_minutes: int = Field(
        60, description="A case must have a holding statement within this."
    )
    evaluation_days: int = Field(
        7, description="Days before the first response and after it in the evaluation."
    )
    spokesperson_name: str = Field("", description="Default Narahubung name in templates.")
    spokesperson_role: str = Field(
        "Koordinator Humas dan Protokol", description="Default Narahubung role."
    )
    spokesperson_phone: str = Field("", description="Default Narahubung phone.")


class ReportSettings(BaseModel):
    """Report generation (reports)."""

    timezone: str = Field("Asia/Jakarta", description="Time zone reports are written in.")


class SurveySettings(BaseModel):
    """Perception surveys (surveys)."""

    submissions_per_hour: int = Field(
        60,
        description="Submissions one client address may make to one survey per hour "
        "(high: mobile visitors share addresses behind carrier NAT).",
    )
    device_interval_seconds: int = Field(
        30,
        description="Pause before the same phone may submit again (a second family member).",
    )
    min_fill_seconds: float = Field(
        4.0, description="A form sent back faster than this is treated as scripted."
    )
    form_max_age_hours: float = Field(
        12.0, description="How long an opened form stays valid before it must be reloaded."
    )
    public_base_url: str = Field(
        "",
        description="Address visitors reach the server at, for links and QR codes "
        "(e.g. https://survei.example.go.id); empty: the address of the request.",
    )
    import_max_rows: int = Field(
        200_000, description="Largest response file accepted by the importer, in rows."
    )


class Settings(BaseSettings):
    """Everything Pantau can be configured with."""

    model_config = SettingsConfigDict(
        env_prefix="PANTAU_",
        env_nested_delimiter="__",
        extra="ignore",
    )

    data_dir: Path = Field(Path("data"), description="Folder for the database, models and exports.")
    database_url: str = Field(
        "", description="SQLAlchemy URL; empty means a SQLite file <data_dir>/pantau.db."
    )
    timezone: str = Field("Asia/Jakarta", description="Default time zone for dates without one.")
    ingest: IngestSettings = Field(default_factory=IngestSettings)
    analysis: AnalysisSettings = Field(default_factory=AnalysisSettings)
    web: WebSettings = Field(default_factory=WebSettings)
    mail: MailSettings = Field(default_factory=MailSettings)
    alerts: AlertSettings = Field(default_factory=AlertSettings)
    reports: ReportSettings = Field(default_factory=ReportSettings)
    surveys: SurveySettings = Field(default_factory=SurveySettings)

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'pantau.db').as_posix()}"

    @property
    def model_path(self) -> Path:
        return self.analysis.model_dir or (self.data_dir / "models")

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        toml_path = Path(os.environ.get("PANTAU_CONFIG", "pantau.toml"))
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
        if toml_path.is_file():
            sources.append(TomlConfigSettingsSource(settings_cls, toml_file=toml_path))
        return tuple(sources)


def load_settings(**overrides: Any) -> Settings:
    """Build the settings once, at the edge (CLI command, app factory, test fixture)."""
    return Settings(**overrides)
