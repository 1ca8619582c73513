"""The JSON Schema of each kind of store file, generated from the record model, for editors.

The YAML language server (VS Code's Red Hat YAML extension, and the editors that embed the same
server) validates and completes a file against a JSON Schema of draft-07, so the schema pydantic
generates (draft 2020-12) is turned into draft-07 here. A store file is a YAML list of records,
so its schema is an array whose items are the record. The repository keeps a copy of each in
`schema/` (`axis schema --out schema` writes them; a test keeps them in sync with the model).

Pydantic is imported when a schema is made, not before: `axis schema` must stay cheap to load.
"""

import json
from pathlib import Path
from typing import Any

from axiscli.errors import UsageError
from axiscli.store.locate import KINDS as _FILES
from axiscli.store.locate import SHARDED
from axiscli.store.write import write_atomic

DRAFT_07 = "http://json-schema.org/draft-07/schema#"

# The kinds of store file, by the name of their file less `.yaml`: sources, actors, events, figures.
KINDS: tuple[str, ...] = tuple(name.removesuffix(".yaml") for name in _FILES)

REGENERATE = "axis schema --out schema"

# The keys of a file's schema after its title and description, in this order; any other after.
_PLACED = ("type", "items", "definitions")


def schema_filename(kind: str) -> str:
    """The name of the schema file of a kind of store file: `events.schema.json`."""
    return f"{kind}.schema.json"


def file_schema(kind: str) -> dict[str, Any]:
    """The draft-07 JSON Schema of a store file of `kind` ("events", …): a list of its records.

    A kind that is not one of `KINDS` is a UsageError.
    """
    from pydantic import TypeAdapter

    from axiscli.store import STORE_FILES

    if kind not in KINDS:
        raise UsageError(f"unknown kind of store file '{kind}'; use {', '.join(KINDS)}")
    model = STORE_FILES[f"{kind}.yaml"]
    adapter: TypeAdapter[list[Any]] = TypeAdapter(list[model])  # type: ignore[valid-type]
    generated = to_draft_07(adapter.json_schema(ref_template="#/definitions/{model}"))
    shard = f", or a shard in {kind}/" if f"{kind}.yaml" in SHARDED else ""
    return {
        "$schema": DRAFT_07,
        "$comment": f"Generated from axiscli.model by `{REGENERATE}`; do not edit by hand.",
        "title": f"axis {kind} file",
        "description": (
            f"A file of an axis store ({kind}.yaml{shard}): a YAML list of "
            f"{model.__name__} records."
        ),
        **{key: generated[key] for key in _PLACED if key in generated},
        **{key: value for key, value in generated.items() if key not in _PLACED},
    }


def schema_text(kind: str) -> str:
    """`file_schema(kind)` as the text of its file: indented JSON, keys in a fixed order."""
    return json.dumps(file_schema(kind), indent=2, ensure_ascii=False) + "\n"


def write_schemas(folder: Path, kinds: tuple[str, ...] = KINDS) -> list[Path]:
    """Write the schema of each kind into `folder` as `KIND.schema.json`; the files written.

    Each file is replaced whole (a temporary file beside it, then `os.replace`), so an editor
    reading it never sees half a schema.
    """
    written = []
    for kind in kinds:
        path = folder / schema_filename(kind)
        write_atomic(path, schema_text(kind))
        written.append(path)
    return written


# --- draft 2020-12 → draft-07 ------------------------------------------------------------------


# Where a schema holds further schemas. Only there does the conversion look for keywords: a
# property may well be named `deprecated` or `examples`, and a default or enum value is data.
_ONE = (
    "items",
    "additionalItems",
    "additionalProperties",
    "not",
    "if",
    "then",
    "else",
    "contains",
    "propertyNames",
)
_MAPS = ("properties", "patternProperties", "definitions", "$defs", "dependentSchemas")
_LISTS = ("allOf", "anyOf", "oneOf", "prefixItems")

# Keywords of 2019-09 and 2020-12 that draft-07 has no counterpart for. Validators of draft-07
# ignore unknown keywords, so they would only mislead a reader; they are dropped. None of them
# is what makes a record invalid in axis: `extra="forbid"` comes out as `additionalProperties`.
_DROPPED = (
    "$anchor",
    "$dynamicAnchor",
    "$dynamicRef",
    "$recursiveAnchor",
    "$recursiveRef",
    "$vocabulary",
    "contentSchema",
    "deprecated",
    "maxContains",
    "minContains",
    "unevaluatedItems",
    "unevaluatedProperties",
)


def to_draft_07(schema: Any) -> Any:
    """A JSON Schema of draft 2020-12, as pydantic writes it, in draft-07's terms.

    - `$defs` becomes `definitions` (generate with `ref_template="#/definitions/{model}"` so the
      references point there);
    - `prefixItems` becomes the array form of `items`, and the `items` beside it
      `additionalItems`;
    - `dependentRequired` and `dependentSchemas` become `dependencies`;
    - a `$ref` with other keywords beside it moves into an `allOf`, since draft-07 ignores
      everything beside a `$ref`;
    - keywords draft-07 lacks (`_DROPPED`) are left out.

    `const` and `examples` (draft-06) stay as they are.
    """
    if isinstance(schema, list):
        return [to_draft_07(item) for item in schema]
    if not isinstance(schema, dict):
        return schema  # true, false
    converted: dict[str, Any] = {}
    for key, value in schema.items():
        if key in _DROPPED:
            continue
        if key in _ONE:
            value = to_draft_07(value)
        elif key in _MAPS:
            value = {name: to_draft_07(item) for name, item in value.items()}
        elif key in _LISTS:
            value = [to_draft_07(item) for item in value]
        converted[key] = value
    if "$defs" in converted:
        converted["definitions"] = {
            **converted.get("definitions", {}),
            **converted.pop("$defs"),
        }
    if "prefixItems" in converted:
        rest = converted.pop("items", None)
        converted["items"] = converted.pop("prefixItems")
        if rest is not None:
            converted["additionalItems"] = rest
    dependencies = {
        **converted.pop("dependentRequired", {}),
        **converted.pop("dependentSchemas", {}),
    }
    if dependencies:
        converted["dependencies"] = {**converted.get("dependencies", {}), **dependencies}
    if "$ref" in converted and len(converted) > 1:
        converted["allOf"] = [{"$ref": converted.pop("$ref")}, *converted.get("allOf", [])]
    return converted
