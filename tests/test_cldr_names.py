"""scripts/cldr_names.py: actors' names in their own scripts, from CLDR through Babel.

The bundled actors file must be what the script makes of it (a stale guard, as `--check` is in
CI), and the mapping is pinned on a tiny actors file: CLDR territory codes from alpha-3 codes,
distinct names only, none the actor already answers to, and every other byte left alone.
"""

from pathlib import Path

import pytest

babel = pytest.importorskip("babel", reason="Babel (the `test` extra) builds the CLDR names")

from scripts import cldr_names  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
ACTORS = ROOT / "data" / "actors.yaml"
SOURCE = "Unicode CLDR test (Babel test)"

FIXTURE = """\
# A heading comment, kept as written.

- code: PRK
  name: North Korea
  kind: state
  aliases: [DPRK, "Democratic People's Republic of Korea"]   # a comment on a field

# Organisations.
- code: UN
  name: United Nations
  kind: organisation
  aliases: []
  native_names:
    - name: stale
      lang: ko
      source: an older CLDR
- code: SCO
  name: Shanghai Cooperation Organization
  kind: organisation
  aliases: []
  native_names:
    - name: stale
      lang: ru
      source: an older CLDR
- code: WAGNER
  name: Wagner Group
  kind: armed group
"""


def _names(text: str, code: str) -> list[tuple[str, str]]:
    import yaml

    (actor,) = [a for a in yaml.safe_load(text) if a["code"] == code]
    assert all(item["source"] == SOURCE for item in actor.get("native_names", []))
    return [(item["lang"], item["name"]) for item in actor.get("native_names", [])]


def test_bundled_actors_are_up_to_date() -> None:
    text = ACTORS.read_text(encoding="utf-8")
    label = cldr_names.source_label()
    if label not in text:
        pytest.skip(f"data/actors.yaml was written from another CLDR/Babel than {label}")
    assert cldr_names.updated(text) == text, "run python scripts/cldr_names.py"
    assert cldr_names.main([str(ACTORS), "--check"]) == 0


def test_check_fails_on_a_stale_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "actors.yaml"
    path.write_text(FIXTURE, encoding="utf-8")
    assert cldr_names.main([str(path), "--check"]) == 1
    assert "out of date" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == FIXTURE  # --check changes nothing
    assert cldr_names.main([str(path)]) == 0
    assert cldr_names.main([str(path), "--check"]) == 0


def test_territory_codes() -> None:
    assert cldr_names.territory_of({"code": "PRK", "kind": "state"}) == "KP"
    assert cldr_names.territory_of({"code": "CHN", "kind": "state"}) == "CN"
    assert cldr_names.territory_of({"code": "UN", "kind": "organisation"}) == "UN"
    assert cldr_names.territory_of({"code": "EU", "kind": "organisation"}) == "EU"
    assert cldr_names.territory_of({"code": "SCO", "kind": "organisation"}) is None
    assert cldr_names.territory_of({"code": "WAGNER", "kind": "armed group"}) is None
    assert cldr_names.territory_of({"code": "XYZ", "kind": "state"}) is None


def test_names_on_a_tiny_actors_file() -> None:
    new = cldr_names.updated(FIXTURE, source=SOURCE)
    prk = _names(new, "PRK")
    assert ("ko", "북한") in prk
    assert ("ko-KP", "조선민주주의인민공화국") in prk  # the DPRK's own name, from CLDR's ko_KP
    assert ("zh-Hans", "朝鲜") in prk and ("zh-Hant", "北韓") in prk
    assert ("ru", "КНДР") in prk and ("ja", "北朝鮮") in prk
    assert [lang for lang, _ in prk] == [
        lang for lang in cldr_names.LANGUAGES if lang in dict(prk)
    ]  # in the languages' order
    assert len({name for _, name in prk}) == len(prk)  # distinct
    assert "North Korea" not in {name for _, name in prk}
    un = _names(new, "UN")
    assert ("ru", "Организация Объединенных Наций") in un
    assert ("ko", "stale") not in un  # the old block is replaced, not added to
    assert _names(new, "SCO") == [] and _names(new, "WAGNER") == []
    assert "stale" not in new


def test_every_other_byte_is_kept() -> None:
    new = cldr_names.updated(FIXTURE, source=SOURCE)

    def others(text: str) -> list[str]:
        return [line for line in text.splitlines() if not line.startswith(("  native_", "    "))]

    assert others(new) == others(FIXTURE)
    assert new.startswith("# A heading comment, kept as written.\n\n- code: PRK\n")
    block = new.split("  aliases: [DPRK", 1)[1].split("\n", 1)[1].split("\n\n# Organisations")[0]
    assert block.startswith("  native_names:\n    - name: 북한\n      lang: ko\n")
    assert cldr_names.updated(new, source=SOURCE) == new  # a second run changes nothing


def test_names_already_answered_to_are_left_out() -> None:
    actor = {"code": "CHN", "name": "China", "kind": "state", "aliases": ["中国"]}
    names = cldr_names.native_names(actor, source=SOURCE)
    assert "中国" not in {item["name"] for item in names}  # an alias already
    assert ("ja", "中国") not in {(item["lang"], item["name"]) for item in names}
    assert {"name": "中國", "lang": "zh-Hant", "source": SOURCE} in names


def test_a_last_record_without_a_final_newline() -> None:
    text = "- code: EU\n  name: European Union\n  kind: organisation"
    new = cldr_names.updated(text, source=SOURCE)
    assert new.startswith(text + "\n  native_names:\n")
    assert ("ru", "Европейский союз") in _names(new, "EU")
    assert not new.endswith("\n")
