"""Shipped instruments are valid data; bad admin definitions get clear messages."""

from __future__ import annotations

import pytest

from pantau.errors import RejectedInput
from pantau.surveys.instrument import builtin_definitions, parse_instrument, parse_json

ONE = '"elements": [{"code": "a", "label": "A"}]'


def test_shipped_instruments() -> None:
    parsed = {d["code"]: parse_instrument(d) for d in builtin_definitions()}
    assert set(parsed) == {"skm", "zi_spkp", "zi_spak"}
    assert len(parsed["skm"].elements) == 9
    assert parsed["zi_spak"].target_index == 3.6 and parsed["zi_spkp"].target_index == 3.0
    for instrument in parsed.values():
        assert [f.code for f in instrument.profile] == [
            "jenis_kelamin",
            "kelompok_usia",
            "pendidikan",
            "pekerjaan",
            "jenis_layanan",
        ]
        for element in instrument.elements:
            assert [c.value for c in element.choices] == [1, 2, 3, 4]
            assert all(c.label and c.emoji for c in element.choices)
            assert element.question.strip()


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("[1, 2]", "objek JSON"),
        (
            '{"code": "Bad Code", "name": "x", ' + ONE + "}",
            "huruf kecil",
        ),
        ('{"code": "x", "name": "x", "elements": []}', "sedikitnya satu unsur"),
        (
            '{"code": "x", "name": "x", "elements": '
            '[{"code": "a", "label": "A"}, {"code": "a", "label": "B"}]}',
            "kembar",
        ),
        (
            '{"code": "x", "name": "x", "scale": [{"value": 1}], ' + ONE + "}",
            "empat pilihan",
        ),
        ('{"code": "x", ' + ONE + "}", "'name'"),
    ],
)
def test_bad_definitions_are_refused(text: str, fragment: str) -> None:
    with pytest.raises(RejectedInput, match=fragment):
        parse_json(text)
