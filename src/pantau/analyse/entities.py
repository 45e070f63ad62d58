"""Entity analysers as declared components: units, places, people, quotes, key messages.

Units run before places because the province is the main unit's province; the unit
linker reads the place names in the text itself for disambiguation. Every label is
JSON-ready so ``pantau classify`` can print it. When the relevance component has
already said an item is not relevant, units and province stay empty (codebook).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pantau.analyse.doc import Component, Doc, Evidence
from pantau.analyse.gazetteer import (
    Gazetteer,
    UnitRecord,
    gazetteer_paths,
    load_gazetteer,
    norm,
    split_unit_name,
)
from pantau.analyse.key_messages import KeyMessageSpec, find_key_messages, load_key_messages
from pantau.analyse.people import find_people
from pantau.analyse.places import (
    decide_city,
    decide_province,
    find_places,
    kanwil_province,
    province_weights,
)
from pantau.analyse.prose import dateline_parts, prose_paragraphs
from pantau.analyse.quotes import find_quotes
from pantau.analyse.units import (
    corefer_variants,
    find_handle_mentions,
    find_lowercase_mentions,
    find_metonyms,
    find_unit_mentions,
    link_units,
    resolve_local,
)
from pantau.settings import Settings


def _context(doc: Doc, gaz: Gazetteer) -> dict[str, object]:
    """Paragraphs, places and dateline (cheap; each component recomputes them)."""
    paragraphs = prose_paragraphs(doc.title, doc.body, channel=doc.channel)
    dateline = dateline_parts(paragraphs)
    if doc.dateline:
        dateline = [doc.dateline, *dateline]
    context: dict[str, object] = {
        "paragraphs": paragraphs,
        "dateline": dateline,
        "places": find_places(paragraphs, gaz=gaz),
    }
    return context


@dataclass
class UnitsComponent:
    """Links unit mentions to the gazetteer; unknown unit-like mentions become candidates."""

    gazetteer: Gazetteer = field(default_factory=load_gazetteer)
    name: str = "units"
    version: str = "1.0"
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ("units", "unit_links", "unit_candidates")

    def __call__(self, doc: Doc) -> None:
        if doc.labels.get("relevant") is False:  # codebook: irrelevant items carry no units
            doc.labels.update(units=[], unit_links=[], unit_candidates=[])
            return
        ctx = _context(doc, self.gazetteer)
        paragraphs = ctx["paragraphs"]
        weights = province_weights(ctx["places"])  # type: ignore[arg-type]
        mentions = find_unit_mentions(paragraphs, gaz=self.gazetteer, provinces=weights)  # type: ignore[arg-type]
        mentions += find_handle_mentions(paragraphs, gaz=self.gazetteer)  # type: ignore[arg-type]
        mentions += find_lowercase_mentions(paragraphs, gaz=self.gazetteer, provinces=weights)  # type: ignore[arg-type]
        if not any(m.unit for m in mentions):
            local = resolve_local(
                paragraphs,  # type: ignore[arg-type]
                gaz=self.gazetteer,
                city_places=list(ctx["dateline"]),  # type: ignore[call-overload]
            )
            mentions = [local, *mentions] if local else mentions
        mentions += find_metonyms(paragraphs, gaz=self.gazetteer)  # type: ignore[arg-type]
        mentions = corefer_variants(mentions)
        units = link_units(mentions)
        first: dict[str, object] = {}
        for mention in sorted(mentions, key=lambda m: (not m.in_title, m.start)):
            if mention.unit is not None and mention.unit.name not in first:
                first[mention.unit.name] = mention
                doc.explain(
                    "units",
                    Evidence(
                        f"units.{mention.method}",
                        mention.score,
                        mention.text,
                        mention.start,
                        mention.end,
                    ),
                )
        doc.labels["units"] = [u.name for u in units]
        doc.labels["unit_links"] = [
            {
                "name": u.name,
                "mention": first[u.name].text,  # type: ignore[attr-defined]
                "score": first[u.name].score,  # type: ignore[attr-defined]
                "method": first[u.name].method,  # type: ignore[attr-defined]
                "main": index == 0,
                "in_title": first[u.name].in_title,  # type: ignore[attr-defined]
                "province": u.province,
            }
            for index, u in enumerate(units)
        ]
        doc.labels["unit_candidates"] = [
            {"mention": m.text, "context": m.context}
            for m in mentions
            if m.unit is None or m.method == "provisional"
        ]


@dataclass
class PlacesComponent:
    """Province (official, current name) and regency/city of the main unit or event."""

    gazetteer: Gazetteer = field(default_factory=load_gazetteer)
    name: str = "places"
    version: str = "1.0"
    requires: tuple[str, ...] = ("units",)
    assigns: tuple[str, ...] = ("province", "city")

    def _unit(self, link: dict[str, object]) -> UnitRecord:
        return self.gazetteer.by_name.get(_n(str(link["name"]))) or _light_unit(link)

    def __call__(self, doc: Doc) -> None:
        if doc.labels.get("relevant") is False:  # codebook: and no province
            doc.labels.update(province=None, city=None)
            return
        ctx = _context(doc, self.gazetteer)
        links = doc.labels.get("unit_links", [])
        units = [self._unit(link) for link in links]
        title_units = [self._unit(link) for link in links if link.get("in_title")]
        paragraphs = ctx["paragraphs"]
        province, rule = decide_province(
            units=units,
            title_units=title_units,
            kanwil=kanwil_province(paragraphs, gaz=self.gazetteer),  # type: ignore[arg-type]
            dateline=ctx["dateline"],  # type: ignore[arg-type]
            places=ctx["places"],  # type: ignore[arg-type]
            paragraphs=paragraphs,  # type: ignore[arg-type]
            gaz=self.gazetteer,
        )
        doc.labels["province"] = province
        doc.labels["city"] = decide_city(units, ctx["dateline"], self.gazetteer)  # type: ignore[arg-type]
        doc.explain("province", Evidence(rule, 1.0, province or ""))


def _n(name: str) -> str:
    return norm(name)


def _light_unit(link: dict[str, object]) -> UnitRecord:
    """A unit known only from its link (provisional: not in the gazetteer)."""
    name = str(link["name"])
    utype, klass, place = split_unit_name(name)
    province = str(link.get("province") or "")
    return UnitRecord(name, utype, klass, place, "", province, "", "")


@dataclass
class PeopleComponent:
    """People with the role the text gives them; inmates by their initials."""

    name: str = "people"
    version: str = "1.0"
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ("people",)

    def __call__(self, doc: Doc) -> None:
        doc.labels["people"] = [
            p.as_dict() for p in find_people(doc.title, doc.body, channel=doc.channel)
        ]


@dataclass
class QuotesComponent:
    """Direct quotes and their speakers, short names resolved to the people named."""

    name: str = "quotes"
    version: str = "1.0"
    requires: tuple[str, ...] = ("people",)
    assigns: tuple[str, ...] = ("quotes",)

    def __call__(self, doc: Doc) -> None:
        doc.labels["quotes"] = [
            q.as_dict() for q in find_quotes(doc.body, people=doc.labels.get("people", []))
        ]


@dataclass
class KeyMessagesComponent:
    """The institution's key messages and slogans the item carries."""

    messages: list[KeyMessageSpec] = field(default_factory=load_key_messages)
    name: str = "key_messages"
    version: str = "1.0"
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ("key_messages",)

    def __call__(self, doc: Doc) -> None:
        found = find_key_messages(doc.full_text, self.messages)
        doc.labels["key_messages"] = [code for code, _ in found]
        for code, match in found:
            doc.explain(
                "key_messages",
                Evidence(f"key_messages.{code}", 1.0, match.group(0), match.start(), match.end()),
            )


def entity_components(settings: Settings | None = None) -> list[Component]:
    """The entity components, in pipeline order, appended after the label components.

    With ``settings`` the gazetteer is the one configured (a Humas-corrected CSV, an
    edited pilot list); without, the list shipped with Pantau.
    """
    gazetteer = load_gazetteer()
    if settings is not None:
        units_csv, pilot = gazetteer_paths(
            data_dir=settings.data_dir,
            units_file=settings.analysis.units_file,
            pilot_file=settings.analysis.pilot_units_file,
        )
        gazetteer = load_gazetteer(units_csv, pilot)
    return [
        UnitsComponent(gazetteer),
        PlacesComponent(gazetteer),
        PeopleComponent(),
        QuotesComponent(),
        KeyMessagesComponent(),
    ]
