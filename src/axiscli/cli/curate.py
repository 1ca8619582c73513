"""`axis add`, `axis edit`, `axis rm` and `axis import`: change a store, checked and atomic.

The work is in `axiscli.curate`; these commands gather what the curator gives (flags, JSON,
prompts at a terminal, an editor), say where they wrote, and print the written ids on stdout
so that scripts can take them up.
"""

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from axiscli.cli import options as o
from axiscli.cli.app import app
from axiscli.cli.complete import complete_id
from axiscli.cli.output import note
from axiscli.errors import UsageError

if TYPE_CHECKING:
    from axiscli.curate import Written

WriteDataOpt = Annotated[
    Path | None,
    typer.Option(
        "--data",
        "-d",
        metavar="DIR",
        help="The store to write (made if missing); default: your own store in the platform's "
        "data folder, read along with the bundled one. In a clone, --data data edits the "
        "curated store.",
    ),
]
NoBundledOpt = Annotated[
    bool,
    typer.Option("--no-bundled", help="Check the store alone, without the one shipped with axis."),
]
DryRunOpt = Annotated[
    bool, typer.Option("--dry-run", help="Print the YAML that would be written; write nothing.")
]
JsonOutOpt = Annotated[
    bool, typer.Option("--json", help="Say what was written as JSON (id, file, line, action).")
]


def _field(flag: str, help_text: str, panel: str, meta: str = "TEXT") -> Any:
    """A field of the record as an option (a default-style Typer option: `add` has dozens)."""
    return typer.Option(None, flag, metavar=meta, help=help_text, rich_help_panel=panel)


@app.command()
def add(
    kind: Annotated[
        str,
        typer.Argument(metavar="KIND", help="event, figure, assessment, source, actor or person."),
    ] = "",
    record_id: str | None = _field(
        "--id", "The id (default: made from the date and title).", "Every kind"
    ),
    date: str | None = _field(
        "--date",
        "EDTF date: 2024-06-19, 2024-06, 2024?, 2024-06/2024-08.",
        "Events and figures",
        meta="DATE",
    ),
    date_text: str | None = _field(
        "--date-text", "The text's own words for the date.", "Events and figures"
    ),
    date_note: str | None = _field(
        "--date-note", "How the date was read or inferred.", "Events and figures"
    ),
    actors: list[str] | None = _field(
        "--actor", "An actor code or alias (repeat).", "Events and figures", meta="ACTOR"
    ),
    tags: list[str] | None = _field(
        "--tag", "A tag (repeat).", "Events, figures and assessments", meta="TAG"
    ),
    people: list[str] | None = _field(
        "--person",
        "A person in the people registry, by id or name (repeat).",
        "Events and assessments",
        meta="PERSON",
    ),
    sources: list[str] | None = _field(
        "--source",
        "A cited source id; each --source takes the --quote (and --claimant) of the same rank.",
        "Citations",
        meta="ID",
    ),
    quotes: list[str] | None = _field(
        "--quote", "The verbatim quote from that source.", "Citations"
    ),
    claimants: list[str] | None = _field(
        "--claimant", "Who the text says claims it ('' for none).", "Citations"
    ),
    title: str | None = _field("--title", "An event's or a source's title.", "Events"),
    summary: str | None = _field("--summary", "What happened, in a sentence or two.", "Events"),
    domain: str | None = _field("--domain", "diplomatic, military, economic…", "Events"),
    location: str | None = _field("--location", "Where it happened.", "Events"),
    metric: str | None = _field("--metric", "The metric, e.g. troops.dprk-in-russia.", "Figures"),
    label: str | None = _field("--label", "What the number counts.", "Figures"),
    value: str | None = _field("--value", "The number, in base units.", "Figures", meta="NUMBER"),
    magnitude: str | None = _field(
        "--magnitude", "A vague magnitude's word ('thousands').", "Figures"
    ),
    low: str | None = _field("--low", "Lower bound.", "Figures", meta="NUMBER"),
    high: str | None = _field("--high", "Upper bound.", "Figures", meta="NUMBER"),
    unit: str | None = _field("--unit", "The unit, e.g. troops, USD.", "Figures"),
    qualifier: str | None = _field("--qualifier", "exact, about, at least…", "Figures"),
    figure_note: str | None = _field("--note", "A note on the figure.", "Figures"),
    updates: str | None = _field(
        "--updates", "The earlier figure this one replaces.", "Figures", meta="ID"
    ),
    disputes: list[str] | None = _field(
        "--disputes",
        "A figure (or assessment) this one disputes (repeat).",
        "Figures and assessments",
        meta="ID",
    ),
    equivalent_to: list[str] | None = _field(
        "--equivalent-to", "The same quantity in other words (repeat).", "Figures", meta="ID"
    ),
    statement: str | None = _field(
        "--statement", "The judgement, restated faithfully, hedges kept.", "Assessments"
    ),
    assessment_kind: str | None = _field(
        "--assessment-kind",
        "motivation, constraint, strategy, characterisation, outlook or recommendation.",
        "Assessments",
    ),
    subject: list[str] | None = _field(
        "--subject", "An actor the judgement is about (repeat).", "Assessments", meta="ACTOR"
    ),
    dyad: list[str] | None = _field(
        "--dyad",
        "One of the two actors of a relationship it judges (give two).",
        "Assessments",
        meta="ACTOR",
    ),
    holder: str | None = _field(
        "--holder", "Whose judgement, as the text names them ('the author').", "Assessments"
    ),
    horizon: str | None = _field(
        "--horizon", "EDTF date or period the text gives: ../2026.", "Assessments", meta="DATE"
    ),
    horizon_text: str | None = _field(
        "--horizon-text", "The text's own words for the horizon.", "Assessments"
    ),
    likelihood: str | None = _field(
        "--likelihood",
        "The estimative word, verbatim as in the quote: likely, could.",
        "Assessments",
    ),
    rests_on: list[str] | None = _field(
        "--rests-on",
        "An event or figure the text gives as evidence (repeat).",
        "Assessments",
        meta="ID",
    ),
    description: str | None = _field("--description", "What an untitled source is.", "Sources"),
    authors: list[str] | None = _field(
        "--author",
        "'Family, Given' for a person, or an organisation's name (repeat).",
        "Sources",
        meta="NAME",
    ),
    publisher: str | None = _field("--publisher", "The publisher.", "Sources"),
    published: str | None = _field(
        "--published", "EDTF date of publication.", "Sources", meta="DATE"
    ),
    url: str | None = _field("--url", "The source's address.", "Sources"),
    source_kind: str | None = _field("--source-kind", "analysis, commentary, news…", "Sources"),
    text_file: str | None = _field(
        "--text-file", "The file of the source's text, in the --texts folder.", "Sources"
    ),
    notes: str | None = _field("--notes", "Notes on the source.", "Sources"),
    code: str | None = _field("--code", "An actor's code (upper case).", "Actors"),
    name: str | None = _field("--name", "An actor's or person's name.", "Actors and people"),
    actor_kind: str | None = _field("--actor-kind", "state, organisation, group…", "Actors"),
    aliases: list[str] | None = _field(
        "--alias", "Another name for the actor or person (repeat).", "Actors and people"
    ),
    country: str | None = _field(
        "--country", "A person's country, as an actor code or name.", "People", meta="ACTOR"
    ),
    from_json: Annotated[
        str | None,
        typer.Option(
            "--from-json",
            metavar="FILE|-",
            help="Read the records from JSON: one object, an array, or one object a line.",
        ),
    ] = None,
    shard: Annotated[
        str | None,
        typer.Option("--shard", metavar="NAME", help="In a sharded store: the shard to write."),
    ] = None,
    data: WriteDataOpt = None,
    no_bundled: NoBundledOpt = False,
    texts: o.TextsOpt = None,
    dry_run: DryRunOpt = False,
    as_json: JsonOutOpt = False,
) -> None:
    """Add records: from flags, from JSON, or (at a terminal) by answering prompts.

    Example: axis add event --date 2024-06-19 --title "…" --summary "…" --actor RUS --actor DPRK
    --domain diplomatic --source lowy-alliance-needs-no-name --quote "…" --data data

    Example: axis add assessment --statement "…" --assessment-kind outlook --subject RUS
    --holder "the author" --likelihood likely --source trilateral-momentum-essay --quote "…"

    Example: axis add --from-json new-figures.jsonl --data ~/my-store
    """
    given = {key: value for key, value in locals().items() if key not in _NOT_FIELDS}
    from axiscli.cli.curate_input import flag_record, json_records, problems_listed
    from axiscli.cli.curate_prompts import ask_missing
    from axiscli.curate import add_records

    folders, target = _write_store(data, no_bundled)
    if from_json is not None:
        if any(value for value in given.values()):
            raise UsageError("give the records either as flags or with --from-json, not both")
        numbered = json_records(from_json, kind or None)
        records = [(record_kind, fields) for _, record_kind, fields in numbered]
        source, rows = from_json, [number for number, _, _ in numbered]
    else:
        if not kind:
            raise UsageError(
                "say which kind of record to add: event, figure, assessment, source, actor or "
                "person"
            )
        fields = flag_record(kind, given)
        records = [(kind, ask_missing(kind, fields, folders) if _at_terminal() else fields)]
        source, rows = None, None
    with problems_listed(source, rows):
        written = add_records(
            folders, target, records, shard=shard, texts_dir=texts, dry_run=dry_run
        )
    _report(written, dry_run, as_json)


_NOT_FIELDS = {"kind", "from_json", "shard", "data", "no_bundled", "texts", "dry_run", "as_json"}


@app.command()
def edit(
    record_id: Annotated[
        str, typer.Argument(metavar="ID", autocompletion=complete_id, help="The record to edit.")
    ],
    sets: Annotated[
        list[str] | None,
        typer.Option(
            "--set",
            metavar="FIELD=VALUE",
            help="Set a field (YAML value: --set 'actors=[RUS, PRK]'; 'FIELD=' removes it).",
        ),
    ] = None,
    sources: Annotated[
        list[str] | None,
        typer.Option("--add-citation", metavar="SOURCE", help="Add a citation of this source."),
    ] = None,
    quotes: Annotated[
        list[str] | None,
        typer.Option("--quote", metavar="TEXT", help="The added citation's verbatim quote."),
    ] = None,
    claimants: Annotated[
        list[str] | None,
        typer.Option("--claimant", metavar="TEXT", help="Who the text says claims it."),
    ] = None,
    data: WriteDataOpt = None,
    no_bundled: NoBundledOpt = False,
    texts: o.TextsOpt = None,
    dry_run: DryRunOpt = False,
    as_json: JsonOutOpt = False,
) -> None:
    """Change one record in $VISUAL/$EDITOR, or with --set and --add-citation; re-checked.

    Example: axis edit russia-dprk-treaty-signed --data data

    Example: axis edit 2025-01-05-test --set 'tags=[treaty, summit]' --data ~/my-store
    """
    from axiscli.cli.curate_input import (
        citations_of,
        edit_in_editor,
        parsed_sets,
        problems_listed,
    )
    from axiscli.curate import edit_record

    folders, target = _write_store(data, no_bundled)
    added = citations_of(sources, quotes, claimants)
    if sets or added:
        with problems_listed():
            written = edit_record(
                folders,
                target,
                record_id,
                changes=parsed_sets(sets or []),
                citations=added,
                texts_dir=texts,
                dry_run=dry_run,
            )
    else:
        written = edit_in_editor(folders, target, record_id, texts_dir=texts, dry_run=dry_run)
    _report(written, dry_run, as_json)


@app.command()
def rm(
    record_id: Annotated[
        str, typer.Argument(metavar="ID", autocompletion=complete_id, help="The record to remove.")
    ],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask; remove it.")] = False,
    data: WriteDataOpt = None,
    no_bundled: NoBundledOpt = False,
    dry_run: DryRunOpt = False,
    as_json: JsonOutOpt = False,
) -> None:
    """Remove one record, after showing it; refused while other records refer to it.

    Example: axis rm 2025-01-05-test --data ~/my-store
    """
    from axiscli.cli.curate_input import problems_listed
    from axiscli.curate import record_text, remove_record

    folders, target = _write_store(data, no_bundled)
    if not yes and not dry_run:
        if not _at_terminal():
            raise UsageError("rm asks before it removes; give --yes to remove without asking")
        sys.stderr.write(_visible_lines(record_text(folders, target, record_id)))
        if not typer.confirm(f"Remove '{record_id}'?", default=False, err=True):
            note("Nothing removed.")
            return
    with problems_listed():
        written = remove_record(folders, target, record_id, dry_run=dry_run)
    _report(written, dry_run, as_json)


@app.command(name="import")
def import_(
    file: Annotated[
        str, typer.Argument(metavar="FILE|-", help="A .csv or .json file (JSON lines too), or -.")
    ],
    kind: Annotated[
        str | None,
        typer.Option("--kind", metavar="KIND", help="The kind of records with no `type`."),
    ] = None,
    data: WriteDataOpt = None,
    no_bundled: NoBundledOpt = False,
    texts: o.TextsOpt = None,
    dry_run: DryRunOpt = False,
    as_json: JsonOutOpt = False,
) -> None:
    """Add many records at once: all of them, or (if any row is wrong) none.

    Example: axis import new-events.csv --data ~/my-store
    """
    from axiscli.cli.curate_input import import_all

    folders, target = _write_store(data, no_bundled)
    written = import_all(file, kind, folders, target, texts_dir=texts, dry_run=dry_run)
    _report(written, dry_run, as_json)


def _at_terminal() -> bool:
    return sys.stdin.isatty() and sys.stderr.isatty()


def _write_store(data: Path | None, no_bundled: bool) -> tuple[list[Path], Path]:
    """The folders to check a change against, and the one to write."""
    from axiscli.cli.common import store_folders
    from axiscli.store.locate import DATA_ENV, bundled_data_dir, user_store_dir

    target = (data or user_store_dir(os.environ)).expanduser()
    if target.exists() and not target.is_dir():
        raise UsageError(f"'{target}' is a file, not a store folder", field="data")
    bundled = bundled_data_dir()
    if target.resolve() == bundled.resolve() and bundled.parent.name == "axiscli":
        raise UsageError(
            "the store inside the installed axis package is read-only",
            hint="leave out --data to write to your own store, which is read with it",
            field="data",
        )
    reading = not no_bundled or os.environ.get(DATA_ENV)
    folders = store_folders(None, no_bundled) if reading else []
    # The target as the user wrote it, so that messages name it their way.
    folders = [target if folder.resolve() == target.resolve() else folder for folder in folders]
    return (folders if target in folders else [*folders, target]), target


def _report(written: "list[Written]", dry_run: bool, as_json: bool) -> None:
    """The YAML (dry run) or the ids written on stdout; where they went on stderr."""
    import json

    if as_json:
        rows = [
            {
                "action": w.action,
                "kind": w.kind.removesuffix("s.yaml"),
                "id": w.record_id,
                "file": str(w.file),
                "line": w.line,
                "written": not dry_run,
            }
            for w in written
        ]
        print(json.dumps(rows, indent=2, ensure_ascii=False))
    elif dry_run:
        sys.stdout.write("".join(w.text for w in written if w.text))
    else:
        print("\n".join(w.record_id for w in written))
    for w in written:
        done, where = _SAID[w.action]
        said = f"Would have {done}" if dry_run else done.capitalize()
        note(f"{said} '{w.record_id}' {where} {w.file}:{w.line}.")


_SAID = {"added": ("added", "to"), "replaced": ("changed", "in"), "removed": ("removed", "from")}


def _visible_lines(text: str) -> str:
    from axiscli.render.safe import visible

    return "".join(visible(line) + "\n" for line in text.splitlines())
