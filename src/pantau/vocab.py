"""The codebook's values as StrEnums, shared by the database, JSON and templates."""

from __future__ import annotations

from enum import StrEnum


class Channel(StrEnum):
    NEWS = "news"
    SOCIAL = "social"


class Tone(StrEnum):
    POSITIVE = "positive"
    NEUTRAL = "neutral"
    NEGATIVE = "negative"


TONE_LABELS_ID: dict[str, str] = {"positive": "Positif", "neutral": "Netral", "negative": "Negatif"}


class CrisisCategory(StrEnum):
    NONE = "none"
    ESCAPE = "escape"
    DRUGS = "drugs"
    CONTRABAND_PHONE = "contraband_phone"
    EXTORTION_CORRUPTION = "extortion_corruption"
    VIOLENCE_RIOT = "violence_riot"
    DEATH_HEALTH = "death_health"
    FIRE_DISASTER = "fire_disaster"
    OVERCROWDING = "overcrowding"
    STAFF_MISCONDUCT = "staff_misconduct"
    OTHER_NEGATIVE = "other_negative"


CRISIS_LABELS_ID: dict[str, str] = {
    "none": "Bukan krisis",
    "escape": "Napi kabur",
    "drugs": "Narkoba",
    "contraband_phone": "HP & barang terlarang",
    "extortion_corruption": "Pungli & korupsi",
    "violence_riot": "Kerusuhan & kekerasan",
    "death_health": "Kematian & kesehatan",
    "fire_disaster": "Kebakaran & bencana",
    "overcrowding": "Overkapasitas",
    "staff_misconduct": "Pelanggaran petugas",
    "other_negative": "Negatif lainnya",
}


class Topic(StrEnum):
    REMISI_PAROLE = "remisi_parole"
    PEMBINAAN = "pembinaan"
    RELIGION = "religion"
    HEALTH = "health"
    SECURITY_ENFORCEMENT = "security_enforcement"
    INTEGRITY_AWARD = "integrity_award"
    COOPERATION = "cooperation"
    PUBLIC_SERVICE = "public_service"
    LEADERSHIP = "leadership"
    POLICY_STATISTICS = "policy_statistics"
    REINTEGRATION = "reintegration"
    CHILDREN = "children"
    INFRASTRUCTURE = "infrastructure"
    INCIDENT = "incident"
    OTHER = "other"


TOPIC_LABELS_ID: dict[str, str] = {
    "remisi_parole": "Remisi & pembebasan bersyarat",
    "pembinaan": "Pembinaan & kemandirian",
    "religion": "Keagamaan",
    "health": "Kesehatan",
    "security_enforcement": "Keamanan & razia",
    "integrity_award": "Zona integritas & penghargaan",
    "cooperation": "Kerja sama",
    "public_service": "Layanan publik",
    "leadership": "Kepemimpinan",
    "policy_statistics": "Kebijakan & statistik",
    "reintegration": "Reintegrasi & Bapas",
    "children": "Anak (LPKA)",
    "infrastructure": "Sarana & prasarana",
    "incident": "Insiden",
    "other": "Lainnya",
}


class UnitType(StrEnum):
    LAPAS = "Lapas"
    LAPAS_NARKOTIKA = "Lapas Narkotika"
    LAPAS_PEREMPUAN = "Lapas Perempuan"
    LAPAS_PEMUDA = "Lapas Pemuda"
    LAPAS_TERBUKA = "Lapas Terbuka"
    LAPAS_KHUSUS = "Lapas Khusus"
    RUTAN = "Rutan"
    CABANG_RUTAN = "Cabang Rutan"
    LPKA = "LPKA"
    BAPAS = "Bapas"
    RUPBASAN = "Rupbasan"


class Role(StrEnum):
    ADMIN = "admin"
    PUSAT = "pusat"
    KANWIL = "kanwil"
    UPT = "upt"
    PIMPINAN = "pimpinan"


class ItemStatus(StrEnum):
    ADDED = "added"
    DUPLICATE = "duplicate"
    QUARANTINED = "quarantined"
    UPDATED = "updated"
