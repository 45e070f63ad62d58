"""Units and surveys for the surveys tests (a real migrated database per test)."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from pantau.store.tables import Unit


def make_unit(session: Session, name: str, province: str) -> Unit:
    unit = Unit(
        name=name,
        type="lapas",
        place=name.split()[-1],
        province=province,
        kanwil=f"Kanwil Ditjenpas {province}",
    )
    session.add(unit)
    session.flush()
    return unit


@pytest.fixture
def units(session: Session) -> dict[str, Unit]:
    made = {
        "jambi": make_unit(session, "Lapas Kelas IIA Jambi", "Jambi"),
        "muara": make_unit(session, "Rutan Kelas IIB Muara Bulian", "Jambi"),
        "palu": make_unit(session, "Lapas Kelas IIA Palu", "Sulawesi Tengah"),
    }
    session.commit()
    return made
