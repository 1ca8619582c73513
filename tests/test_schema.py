"""Schemas for editors: `axis schema`, the copies in schema/, and the data files' header line.

The schemas must be draft-07 (what the YAML language server speaks), stay in sync with the
record model, and mirror it: what the model accepts they accept, what it refuses they refuse.
"""

import copy
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft7Validator
from pydantic import BaseModel, Field, ValidationError

from axiscli.schema import KINDS, file_schema, schema_filename, schema_text, to_draft_07
from axiscli.store import STORE_FILES

ROOT = Path(__file__).resolve().parents[1]
SCHEMAS = ROOT / "schema"
DATA = ROOT / "data"

# Every keyword draft-07 defines (its meta-schema lists them all, annotations included).
DRAFT_07_KEYWORDS = frozenset(Draft7Validator.META_SCHEMA["properties"])


def _records(kind: str) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = yaml.safe_load(
        (DATA / f"{kind}.yaml").read_text(encoding="utf-8")
    )
    return records


def _errors(kind: str, records: Any) -> list[str]:
    validator = Draft7Validator(file_schema(kind))
    return [
        f"{list(error.absolute_path)}: {error.message}" for error in validator.iter_errors(records)
    ]


def _keywords(schema: Any) -> Iterator[str]:
    """Every keyword used in `schema` and the schemas inside it, but not property names."""
    if not isinstance(schema, dict):
        return
    for key, value in schema.items():
        yield key
        if key in ("properties", "patternProperties", "definitions", "$defs", "dependencies"):
            for inner in value.values():
                yield from _keywords(inner)
        elif key in ("allOf", "anyOf", "oneOf", "prefixItems") or (
            key == "items" and isinstance(value, list)
        ):
            for inner in value:
                yield from _keywords(inner)
        elif key in ("items", "additionalItems", "additionalProperties", "not", "contains"):
            yield from _keywords(value)
        elif key in ("if", "then", "else", "propertyNames"):
            yield from _keywords(value)


# --- the copies in schema/ ------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_schema_files_are_in_sync_with_the_model(kind):
    path = SCHEMAS / schema_filename(kind)
    assert path.is_file(), f"{path} is missing: run `axis schema --out schema` in {ROOT}"
    assert path.read_text(encoding="utf-8") == schema_text(kind), (
        f"schema/{path.name} no longer matches the record model (axiscli/model.py): "
        f"regenerate the schema files with `axis schema --out schema` in {ROOT}"
    )


def test_schema_folder_holds_one_file_per_kind_of_store_file():
    assert sorted(path.name for path in SCHEMAS.iterdir()) == sorted(
        schema_filename(kind) for kind in KINDS
    )


@pytest.mark.parametrize("kind", KINDS)
def test_schemas_are_valid_draft_07(kind):
    schema = file_schema(kind)
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    Draft7Validator.check_schema(schema)
    # check_schema passes unknown keywords, so also: only draft-07's, and refs it resolves.
    assert set(_keywords(schema)) <= DRAFT_07_KEYWORDS
    refs = set(_refs(schema))
    assert refs and all(ref.startswith("#/definitions/") for ref in refs)
    assert {ref.removeprefix("#/definitions/") for ref in refs} <= set(schema["definitions"])


def _refs(schema: Any) -> Iterator[str]:
    if isinstance(schema, dict):
        for key, value in schema.items():
            if key == "$ref":
                yield value
            yield from _refs(value)
    elif isinstance(schema, list):
        for value in schema:
            yield from _refs(value)


@pytest.mark.parametrize("kind", KINDS)
def test_a_schema_describes_the_file_a_list_of_records(kind):
    schema = file_schema(kind)
    model = STORE_FILES[f"{kind}.yaml"]
    assert schema["type"] == "array"
    assert schema["items"] == {"$ref": f"#/definitions/{model.__name__}"}
    assert kind in schema["title"] and model.__name__ in schema["description"]
    assert list(schema)[:4] == ["$schema", "$comment", "title", "description"]
    record = schema["definitions"][model.__name__]
    assert record["additionalProperties"] is False
    assert set(record["properties"]) == set(model.model_fields)


# --- the schemas mirror the model -----------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_every_record_of_the_bundled_store_validates_against_its_schema(kind):
    records = _records(kind)
    assert records
    assert _errors(kind, records) == []


def _without(key: str) -> Callable[[dict[str, Any]], None]:
    return lambda record: record.pop(key)


def _setting(key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    return lambda record: record.__setitem__(key, value)


def _in_first_citation(key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    return lambda record: record["citations"][0].__setitem__(key, value)


# (kind, what is wrong, the change that breaks the bundled store's first record)
BROKEN = [
    ("events", "an unknown field", _setting("colour", "red")),
    ("events", "a misspelt field", _setting("summery", "…")),
    ("events", "no title", _without("title")),
    ("events", "no citations", _without("citations")),
    ("events", "an empty list of citations", _setting("citations", [])),
    ("events", "a domain not in the vocabulary", _setting("domain", "naval")),
    ("events", "an id that is not a slug", _setting("id", "Korean War")),
    ("events", "an unknown field in a citation", _in_first_citation("page", 3)),
    ("events", "an empty quote", _in_first_citation("quote", "")),
    ("events", "a date that is not text", _setting("date", 2024)),
    ("figures", "no unit", _without("unit")),
    ("figures", "a qualifier not in the vocabulary", _setting("qualifier", "roughly")),
    ("figures", "a value that is not a number", _setting("value", "5000")),
    ("figures", "a metric with spaces", _setting("metric", "troops in russia")),
    ("sources", "no kind", _without("kind")),
    ("sources", "a kind not in the vocabulary", _setting("kind", "blog")),
    ("sources", "an unknown field", _setting("year", 2024)),
    ("actors", "no name", _without("name")),
    ("actors", "a kind not in the vocabulary", _setting("kind", "planet")),
    ("actors", "a lower-case code", _setting("code", "prk")),
    ("actors", "aliases that are not a list", _setting("aliases", "DPRK")),
]


@pytest.mark.parametrize(
    ("kind", "wrong", "breaking"), BROKEN, ids=[f"{kind}: {wrong}" for kind, wrong, _ in BROKEN]
)
def test_a_broken_record_is_refused_by_the_schema_as_by_the_model(kind, wrong, breaking):
    model: type[BaseModel] = STORE_FILES[f"{kind}.yaml"]
    record = _records(kind)[0]
    model.model_validate(record)
    assert _errors(kind, [record]) == []
    broken = copy.deepcopy(record)
    breaking(broken)
    with pytest.raises(ValidationError):
        model.model_validate(broken)
    assert _errors(kind, [record, broken]), f"the {kind} schema accepts a record with {wrong}"
    assert all(error.startswith("[1") for error in _errors(kind, [record, broken]))


# --- the data files point editors at the schemas --------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_each_data_file_names_its_schema_on_its_first_line(kind):
    first = (DATA / f"{kind}.yaml").read_text(encoding="utf-8").splitlines()[0]
    prefix = "# yaml-language-server: $schema="
    assert first == f"{prefix}../schema/{schema_filename(kind)}"
    # The language server resolves a relative path against the file that names it.
    assert (DATA / first.removeprefix(prefix)).resolve() == (SCHEMAS / schema_filename(kind))


# --- axis schema ----------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_axis_schema_prints_the_schema_of_a_kind(axis, kind):
    result = axis("schema", kind)
    assert result.exit_code == 0
    assert result.stdout == schema_text(kind)
    assert result.stderr == ""


def test_axis_schema_prints_the_events_schema_when_no_kind_is_given(axis):
    assert axis("schema").stdout == schema_text("events")


def test_axis_schema_out_writes_the_four_files_as_the_repository_keeps_them(axis, tmp_path):
    result = axis("schema", "--out", tmp_path)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr.startswith("Wrote ") and str(tmp_path) in result.stderr
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(
        path.name for path in SCHEMAS.iterdir()
    )
    for path in SCHEMAS.iterdir():
        assert (tmp_path / path.name).read_bytes() == path.read_bytes()
        json.loads((tmp_path / path.name).read_text(encoding="utf-8"))


def test_axis_schema_out_with_a_kind_writes_only_that_one(axis, tmp_path):
    (tmp_path / "events.schema.json").write_text("stale", encoding="utf-8")
    result = axis("schema", "figures", "--out", tmp_path)
    assert result.exit_code == 0
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "events.schema.json",
        "figures.schema.json",
    ]
    assert (tmp_path / "events.schema.json").read_text(encoding="utf-8") == "stale"


@pytest.mark.parametrize("where", ["missing", "a-file"])
def test_axis_schema_out_refuses_what_is_not_a_folder(axis, tmp_path, where):
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    result = axis("schema", "--out", tmp_path / where)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert (
        result.stderr
        == f"Error: --out: '{tmp_path / where}' is not a folder; give the folder to write into\n"
    )


def test_axis_schema_refuses_an_unknown_kind(axis):
    result = axis("schema", "event")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert (
        "'event' is not one of 'sources', 'actors', 'people', 'events', 'figures', 'assessments'"
        in result.stderr
    )


def test_a_failed_write_leaves_the_old_file_and_no_temporary_one(axis, tmp_path, monkeypatch):
    import os

    old = tmp_path / "events.schema.json"
    old.write_text("old", encoding="utf-8")

    def failing(source: str, destination: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", failing)
    result = axis("schema", "events", "--out", tmp_path)
    assert result.exit_code == 4
    assert "No space left on device" in result.stderr
    assert [path.name for path in tmp_path.iterdir()] == ["events.schema.json"]
    assert old.read_text(encoding="utf-8") == "old"


# --- draft 2020-12 → draft-07 ---------------------------------------------------------------

DRAFT_2020 = [
    ({"$defs": {"A": {"type": "string"}}}, {"definitions": {"A": {"type": "string"}}}),
    (
        {"prefixItems": [{"type": "string"}, {"type": "integer"}], "type": "array"},
        {"items": [{"type": "string"}, {"type": "integer"}], "type": "array"},
    ),
    (
        {"prefixItems": [{"type": "string"}], "items": {"type": "integer"}},
        {"items": [{"type": "string"}], "additionalItems": {"type": "integer"}},
    ),
    (
        {"prefixItems": [{"type": "string"}], "items": False},
        {"items": [{"type": "string"}], "additionalItems": False},
    ),
    (
        {"$ref": "#/definitions/A", "description": "An A", "default": None},
        {"description": "An A", "default": None, "allOf": [{"$ref": "#/definitions/A"}]},
    ),
    ({"$ref": "#/definitions/A"}, {"$ref": "#/definitions/A"}),
    (
        {"dependentRequired": {"low": ["high"]}, "dependentSchemas": {"a": {"required": ["b"]}}},
        {"dependencies": {"low": ["high"], "a": {"required": ["b"]}}},
    ),
    (
        {"type": "object", "unevaluatedProperties": False, "deprecated": True, "minContains": 1},
        {"type": "object"},
    ),
    # A property named like a dropped keyword is a property, and data is left as it is.
    (
        {"properties": {"deprecated": {"type": "boolean", "deprecated": True}}},
        {"properties": {"deprecated": {"type": "boolean"}}},
    ),
    (
        {"const": "x", "examples": [{"deprecated": 1}], "default": {"$defs": 1}},
        {"const": "x", "examples": [{"deprecated": 1}], "default": {"$defs": 1}},
    ),
    (
        {"anyOf": [{"items": {"prefixItems": [{}]}}, {"not": {"$defs": {}}}]},
        {"anyOf": [{"items": {"items": [{}]}}, {"not": {"definitions": {}}}]},
    ),
]


@pytest.mark.parametrize(("given", "expected"), DRAFT_2020)
def test_keywords_draft_07_lacks_are_converted_or_dropped(given, expected):
    assert to_draft_07(given) == expected
    Draft7Validator.check_schema(to_draft_07(given))


def test_what_pydantic_writes_beyond_the_store_s_models_becomes_draft_07():
    """Tuples, and a described (or deprecated) field of a model type: `$ref` with siblings."""

    class Inner(BaseModel):
        a: int

    class Outer(BaseModel):
        span: tuple[int, str]
        inner: Inner = Field(description="The inner one", deprecated=True)

    schema = to_draft_07(Outer.model_json_schema(ref_template="#/definitions/{model}"))
    assert set(_keywords(schema)) <= DRAFT_07_KEYWORDS
    assert schema["properties"]["inner"] == {
        "description": "The inner one",
        "allOf": [{"$ref": "#/definitions/Inner"}],
    }
    validator = Draft7Validator(schema)
    assert validator.is_valid({"span": [1, "a"], "inner": {"a": 1}})
    assert not validator.is_valid({"span": ["a", 1], "inner": {"a": 1}})
    assert not validator.is_valid({"span": [1, "a"], "inner": {"a": "x"}})
