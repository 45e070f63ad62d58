"""Survey instruments as data: elements, answer scale, respondent profile.

The shipped instruments live in ``instruments/*.json`` beside this module: the SKM of
PermenPANRB 14/2017 and the Zona Integritas service-quality (SPKP) and anti-corruption
(SPAK) perception surveys. An admin adds another instrument as JSON or CSV (see
:func:`parse_csv`) without code; :func:`parse_instrument` validates either form.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from pantau.errors import RejectedInput

SCALE_MIN = 1
SCALE_MAX = 4
# Answer faces shown beside the labels (big, familiar, no reading needed).
DEFAULT_EMOJI = ("😞", "🙁", "🙂", "😄")


@dataclass(frozen=True, slots=True)
class Choice:
    value: int
    label: str
    emoji: str = ""


@dataclass(frozen=True, slots=True)
class Element:
    """One scored element (unsur); ``choices`` are its own labels for 1..4."""

    code: str
    label: str
    question: str
    choices: tuple[Choice, ...]

    def label_for(self, value: int) -> str:
        return next((c.label for c in self.choices if c.value == value), str(value))


@dataclass(frozen=True, slots=True)
class ProfileField:
    code: str
    label: str
    choices: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Instrument:
    code: str
    name: str
    regulation: str
    description: str
    version: int
    elements: tuple[Element, ...]
    profile: tuple[ProfileField, ...]
    target_index: float | None = None
    suggestions: bool = True
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def element_codes(self) -> tuple[str, ...]:
        return tuple(e.code for e in self.elements)

    def element(self, code: str) -> Element:
        for element in self.elements:
            if element.code == code:
                return element
        raise KeyError(code)


BUILTIN_CODES = ("skm", "zi_spkp", "zi_spak")


def _data(name: str) -> dict[str, Any]:
    text = resources.files("pantau.surveys").joinpath("instruments", name).read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def default_profile() -> list[dict[str, Any]]:
    fields: list[dict[str, Any]] = _data("profile.json")["fields"]
    return fields


def builtin_definitions() -> list[dict[str, Any]]:
    """The shipped instruments as JSON-like dicts (what the database stores)."""
    return [_data(f"{code}.json") for code in BUILTIN_CODES]


def _bad(message: str) -> RejectedInput:
    return RejectedInput("instrumen_tidak_valid", message)


def _text(data: dict[str, Any], key: str, where: str, *, required: bool = True) -> str:
    value = data.get(key, "")
    if not isinstance(value, str) or (required and not value.strip()):
        raise _bad(f"{where}: kolom '{key}' wajib diisi dengan teks.")
    return value.strip()


def _scale(data: dict[str, Any]) -> tuple[Choice, ...]:
    raw = data.get("scale") or [
        {"value": v, "label": str(v)} for v in range(SCALE_MIN, SCALE_MAX + 1)
    ]
    if not isinstance(raw, list) or [c.get("value") for c in raw] != [1, 2, 3, 4]:
        raise _bad("Skala jawaban harus berisi tepat empat pilihan bernilai 1, 2, 3, 4.")
    return tuple(
        Choice(int(c["value"]), str(c.get("label") or c["value"]), str(c.get("emoji") or ""))
        for c in raw
    )


def _element(raw: dict[str, Any], scale: tuple[Choice, ...], index: int) -> Element:
    where = f"Unsur ke-{index}"
    code = _text(raw, "code", where)
    labels = raw.get("choices")
    if labels is None:
        choices = scale
    elif isinstance(labels, list) and len(labels) == 4 and all(isinstance(x, str) for x in labels):
        choices = tuple(
            Choice(v, lab.strip(), scale[v - 1].emoji) for v, lab in enumerate(labels, start=1)
        )
    else:
        raise _bad(f"{where} ({code}): 'choices' harus berisi empat label jawaban.")
    label = _text(raw, "label", where)
    return Element(code, label, _text(raw, "question", where, required=False) or label, choices)


def _profile(raw: Any) -> tuple[ProfileField, ...]:
    if not isinstance(raw, list):
        raise _bad("'profile' harus berupa daftar isian profil responden.")
    fields = []
    for i, item in enumerate(raw, start=1):
        choices = item.get("choices") or []
        if not isinstance(choices, list) or not all(isinstance(c, str) for c in choices):
            raise _bad(f"Isian profil ke-{i}: 'choices' harus berupa daftar teks.")
        where = f"Isian profil ke-{i}"
        fields.append(
            ProfileField(_text(item, "code", where), _text(item, "label", where), tuple(choices))
        )
    return tuple(fields)


def parse_instrument(data: dict[str, Any]) -> Instrument:
    """Validate a JSON-like definition; raise :class:`RejectedInput` with an Indonesian message."""
    if not isinstance(data, dict):
        raise _bad("Definisi instrumen harus berupa objek JSON.")
    code = _text(data, "code", "Instrumen")
    if not code.replace("_", "").isalnum() or code.lower() != code:
        raise _bad("Kode instrumen hanya boleh huruf kecil, angka dan garis bawah.")
    scale = _scale(data)
    raw_elements = data.get("elements")
    if not isinstance(raw_elements, list) or not raw_elements:
        raise _bad("Instrumen harus punya sedikitnya satu unsur yang dinilai.")
    elements = tuple(_element(e, scale, i) for i, e in enumerate(raw_elements, start=1))
    codes = [e.code for e in elements]
    if len(set(codes)) != len(codes):
        raise _bad("Kode unsur tidak boleh kembar.")
    target = data.get("target_index")
    return Instrument(
        code=code,
        name=_text(data, "name", "Instrumen"),
        regulation=_text(data, "regulation", "Instrumen", required=False),
        description=_text(data, "description", "Instrumen", required=False),
        version=int(data.get("version") or 1),
        elements=elements,
        profile=_profile(data.get("profile", default_profile())),
        target_index=float(target) if target is not None else None,
        suggestions=bool(data.get("suggestions", True)),
        raw=data,
    )


def parse_json(text: str) -> dict[str, Any]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _bad(f"Berkas JSON tidak bisa dibaca (baris {exc.lineno}): {exc.msg}.") from exc
    parse_instrument(data)
    result: dict[str, Any] = data
    return result


def parse_csv(text: str) -> dict[str, Any]:
    """Read the admin's CSV layout into a definition.

    Columns ``bagian,kode,label,pertanyaan,pilihan``; ``bagian`` is ``instrumen`` (one row:
    code, name, description), ``unsur`` (one row per element, four labels in ``pilihan``
    separated by ``|``, optional) or ``profil`` (one row per profile question).
    """
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    need = {"bagian", "kode", "label"}
    if not rows or not need <= set(rows[0]):
        raise _bad("CSV instrumen harus punya kolom bagian, kode, label, pertanyaan, pilihan.")
    data: dict[str, Any] = {"elements": [], "profile": []}
    for number, row in enumerate(rows, start=2):
        part = (row.get("bagian") or "").strip().lower()
        choices = [c.strip() for c in (row.get("pilihan") or "").split("|") if c.strip()]
        if part == "instrumen":
            data.update(code=row["kode"].strip(), name=row["label"].strip())
            data["description"] = (row.get("pertanyaan") or "").strip()
        elif part == "unsur":
            element = {
                "code": row["kode"],
                "label": row["label"],
                "question": row.get("pertanyaan"),
            }
            if choices:
                element["choices"] = choices
            data["elements"].append(element)
        elif part == "profil":
            data["profile"].append({"code": row["kode"], "label": row["label"], "choices": choices})
        else:
            raise _bad(f"Baris {number}: bagian '{part}' tidak dikenal (instrumen/unsur/profil).")
    if not data["profile"]:
        data["profile"] = default_profile()
    parse_instrument(data)
    return data
