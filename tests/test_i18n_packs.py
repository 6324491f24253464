"""Packs in both languages: the prose a pack's authors wrote may be ``{id, en}`` and is
shown in the language in use; ids, weights and scores never change with the language;
pack checks, condition messages and ``zi criteria`` views speak Indonesian by default."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from zicli import i18n, loading
from zicli.loading import cache, load_criteria
from zicli.models.criteria import Status, confidence_text

from .conftest import ROOT, Run

Zi = Callable[..., Run]

PACKS = ("permenpanrb-90-2021", "permenpanrb-10-2019", "kemenag-90-2021", "kma-633-2020")
EXAMPLES = {
    "permenpanrb-90-2021": "kankemenag-kota-bengkulu-2026q1.yaml",
    "permenpanrb-10-2019": "mtsn-1-kota-bengkulu-2020.yaml",
    "kemenag-90-2021": "kemenag-kankemenag-kabupaten-seluma-2026q1.yaml",
    "kma-633-2020": "kma-man-1-rejang-lebong-2021.yaml",
}


@pytest.fixture
def english() -> Iterator[None]:
    i18n.use("en")
    try:
        yield
    finally:
        i18n.use("id")


def test_a_prose_text_is_one_string_or_both_languages(english: None) -> None:
    both = {"state": "in_force", "note": {"id": "Diubah", "en": "Amended"}}
    assert Status.model_validate(both).note == "Amended"
    i18n.use("id")
    assert Status.model_validate(both).note == "Diubah"
    # one string is shown as written in every language
    assert Status.model_validate({"state": "in_force", "note": "Catatan"}).note == "Catatan"


@pytest.mark.parametrize(
    ("note", "says"),
    [
        ({"id": "x"}, "tidak ada en"),
        ({"en": "x"}, "tidak ada id"),
        ({"id": "x", "en": "y", "fr": "z"}, "fr tidak dikenal"),
        ({"id": 1, "en": "y"}, "'id' harus berupa teks"),
    ],
)
def test_a_prose_mapping_needs_exactly_id_and_en(note: dict[str, Any], says: str) -> None:
    with pytest.raises(ValidationError) as info:
        Status.model_validate({"state": "in_force", "note": note})
    assert says in str(info.value)


def test_a_bad_prose_mapping_in_a_pack_file_is_a_located_error(zi: Zi, tmp_path: Path) -> None:
    text = (ROOT / "criteria" / "permenpanrb-90-2021.yaml").read_text(encoding="utf-8")
    broken = text.replace(
        "    en: Amended by PermenPANRB 5/2024", "    english: Amended by PermenPANRB 5/2024", 1
    )
    assert broken != text
    pack = tmp_path / "pack.yaml"
    pack.write_text(broken, encoding="utf-8")
    out = zi("criteria", "show", str(pack))
    assert out.code == 2
    (line,) = [x for x in out.stderr.splitlines() if "status.note" in x or ":21:" in x]
    assert f"{pack}:21:" in line
    assert "'id' dan 'en'" in line
    assert "Traceback" not in out.stderr


def test_confidence_levels_are_ids_shown_in_the_language(english: None) -> None:
    assert confidence_text("medium (a note)") == "medium (a note)"
    assert confidence_text(None) == ""
    i18n.use("id")
    assert confidence_text("high") == "tinggi"
    assert confidence_text("medium (catatan)") == "sedang (catatan)"
    assert confidence_text("low-medium (rekonstruksi)") == "rendah-sedang (rekonstruksi)"
    assert confidence_text("policy") == "kebijakan"
    assert confidence_text("unknown-level") == "unknown-level"


def _same_but_texts(a: Any, b: Any, path: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    """Where two JSON values differ: only strings may (texts for people); returns
    the paths of the strings that differ."""
    assert type(a) is type(b), path
    if isinstance(a, dict):
        assert a.keys() == b.keys(), path
        return [p for k in a for p in _same_but_texts(a[k], b[k], (*path, k))]
    if isinstance(a, list):
        assert len(a) == len(b), path
        return [
            p
            for i, (x, y) in enumerate(zip(a, b, strict=True))
            for p in _same_but_texts(x, y, (*path, i))
        ]
    if isinstance(a, str):
        return [] if a == b else [path]
    assert a == b, path
    return []


@pytest.mark.parametrize("pack", PACKS)
def test_every_pack_scores_the_same_in_both_languages(pack: str, zi: Zi) -> None:
    example = str(ROOT / "examples" / EXAMPLES[pack])
    indonesian = zi("score", example, "-f", "json")
    english = zi("--lang", "en", "score", example, "-f", "json")
    assert indonesian.code == english.code
    a, b = json.loads(indonesian.stdout), json.loads(english.stdout)
    differing = _same_but_texts(a, b)
    # only texts differ: ids, numbers, met/not met, statuses and confidence levels do not
    keys = {p[-1] for p in differing}
    assert keys <= {"source", "note", "confidence", "description", "message", "hint", "actual"}
    for path in differing:
        if path[-1] == "confidence":
            ours = _at(a, path).split(" ")[0]
            assert ours == _at(b, path).split(" ")[0]  # the level is an id


def _at(data: Any, path: tuple[object, ...]) -> Any:
    for step in path:
        data = data[step]
    return data


@pytest.mark.parametrize("pack", PACKS)
def test_every_pack_loads_alike_in_both_languages(pack: str, english: None) -> None:
    en = load_criteria(pack)
    i18n.use("id")
    id_ = load_criteria(pack)
    assert en is not id_  # loaded (and cached) per language
    assert [n.id for n in en.criteria.walk()] == [n.id for n in id_.criteria.walk()]
    assert en.weights == id_.weights
    assert [q.text for q in en.questions] == [q.text for q in id_.questions]  # regulation text
    assert en.criteria.answer_types.keys() == id_.criteria.answer_types.keys()
    assert len(en.criteria.notes) == len(id_.criteria.notes)


def test_the_disk_cache_keeps_each_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, english: None
) -> None:
    monkeypatch.setenv("ZI_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("ZI_NO_CACHE", raising=False)
    monkeypatch.setattr(loading, "_CACHE", {})
    monkeypatch.setattr(loading, "_BY_ID", {})
    note_en = load_criteria("permenpanrb-90-2021").criteria.status.note
    i18n.use("id")
    note_id = load_criteria("permenpanrb-90-2021").criteria.status.note
    assert len(list(tmp_path.glob("pack-*"))) == 2
    # read back from disk (not from memory) in each language
    for lang, note in (("en", note_en), ("id", note_id)):
        loading._CACHE.clear()
        loading._BY_ID.clear()
        i18n.use(lang)
        disk_key = loading._shipped_key(loading.shipped_packs()["permenpanrb-90-2021"].resolve())
        assert disk_key is not None
        cached = cache.load(disk_key)
        assert cached is not None
        assert cached.criteria.status.note == note
    assert note_en is not None and note_en.startswith("Amended by PermenPANRB 5/2024")
    assert note_id is not None and note_id.startswith("Diubah oleh PermenPANRB 5/2024")


def test_criteria_show_speaks_indonesian_and_english_on_request(zi: Zi) -> None:
    indonesian = zi("criteria", "show", "kemenag-90-2021", "--width", "100")
    english = zi("--lang", "en", "criteria", "show", "kemenag-90-2021", "--width", "100")
    assert indonesian.code == english.code == 0
    assert "Catatan:" in indonesian.stdout and "Sumber:" in indonesian.stdout
    assert "keyakinan: rendah (berita satu Kanwil, 2026)" in indonesian.stdout
    assert "Notes:" in english.stdout and "Sources:" in english.stdout
    assert "confidence: low (one Kanwil's 2026 news item)" in english.stdout
    assert "No own weights or thresholds of Kemenag were found" in english.stdout
    assert "Tidak ditemukan bobot atau ambang batas tersendiri" in indonesian.stdout
    listed = zi("--lang", "en", "criteria", "list")
    assert "Regulation" in listed.stdout and "replaced by permenpanrb-90-2021" in listed.stdout


def test_pack_problems_speak_the_language(zi: Zi, tmp_path: Path) -> None:
    text = (ROOT / "criteria" / "permenpanrb-90-2021.yaml").read_text(encoding="utf-8")
    pack = tmp_path / "pack.yaml"
    pack.write_text(text.replace("  weight: 60\n", "  weight: 61\n", 1), encoding="utf-8")
    indonesian = zi("criteria", "show", str(pack))
    english = zi("--lang", "en", "criteria", "show", str(pack))
    assert indonesian.code == english.code == 2
    assert "bobot node teratas berjumlah 101, bukan 100" in indonesian.stderr
    assert "the weights of the top-level nodes add up to 101, not 100" in english.stderr


# English words in the prose zi's authors wrote (not the regulation's own texts, which
# say 'reward and punishment'): none may show in Indonesian output. A document's
# heading cited by name (docs/domain/x.md 'Weights of 10/2019') is a title, not prose.
ENGLISH_PROSE = re.compile(r"\b(?:the|adds|calls it|and|of|not|from)\b|\b(?:guidance|evidence):")
CITED_HEADING = re.compile(r"(docs/\S+\.md) '[^']*'")


@pytest.mark.parametrize("pack", PACKS)
def test_pack_prose_speaks_indonesian(pack: str) -> None:
    index = load_criteria(pack)
    found = [
        (node.id, text)
        for node in index.criteria.walk()
        for text in (node.guidance, node.guidance_source, node.note, node.source)
        if text is not None and ENGLISH_PROSE.search(CITED_HEADING.sub(r"\1", text))
    ]
    assert found == []


def test_tangsel_guidance_speaks_both_languages(english: None) -> None:
    for pack in ("permenpanrb-90-2021", "kemenag-90-2021"):
        guidance = load_criteria(pack).nodes["A.II.5.iii.b"].guidance
        assert guidance is not None and "calls it 'Non LHKPN'" in guidance
    i18n.use("id")
    for pack in ("permenpanrb-90-2021", "kemenag-90-2021"):
        guidance = load_criteria(pack).nodes["A.II.5.iii.b"].guidance
        assert guidance is not None and "menyebutnya 'Non LHKPN'" in guidance
        assert guidance.startswith("Dasar: UU 28/1999")
