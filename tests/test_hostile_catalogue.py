"""The catalogue of hostile input (issue 12): every kind of bad input, by class, and the tests
that hold axis to it. One entry per test (or per chosen cases of a shared test); its count is
the number of cases pytest collects for it, so the counts cannot drift from the tests.

`python -m tests.test_hostile_catalogue` prints the table README's "Errors, exit codes and
safety" shows; `test_readme_shows_the_catalogue` keeps the two the same.
"""

import re
import subprocess
import sys
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# (class, what is tried, test node id: without brackets every case of that test, with
# `[a|b]` the cases of those ids)
CATALOGUE: list[tuple[str, str, str]] = [
    # Reads outside the store
    ("reads outside the store", "text_file outside --texts: absolute, `..`, symlinks, /proc",
     "test_hostile_yaml.py::test_a_text_file_outside_the_texts_folder_is_refused_unread"),
    ("reads outside the store", "a symlink inside --texts is still read",
     "test_hostile_yaml.py::test_a_symlink_inside_the_texts_folder_to_a_file_inside_it_is_read"),
    # Small files that take the machine down
    ("files built to take the machine down",
     "alias and merge-key bombs, 10,000 to 200,000 levels of nesting, Python and custom tags, a "
     "5,000-digit number (check and a query)",
     "test_hostile_yaml.py::test_a_hostile_store_file_is_refused_quickly_with_its_line"),
    ("files built to take the machine down", "25,000 unknown keys, reported in linear time",
     "test_hostile_yaml.py::test_thousands_of_unknown_keys_are_each_reported_in_linear_time"),
    ("files built to take the machine down", "aliases within the budget still load",
     "test_hostile_yaml.py::test_aliases_within_the_budget_still_load"),
    ("files built to take the machine down", "nesting up to the limit still loads",
     "test_hostile_yaml.py::test_nesting_up_to_the_limit_still_loads"),
    ("files built to take the machine down", "many shallow lists are measured, not refused",
     "test_hostile_yaml.py::test_a_long_text_of_many_shallow_lists_is_measured_and_still_loads"),
    ("files built to take the machine down", "a 50 MB file broken on line 2",
     "test_hostile_runtime.py::test_a_50_mb_file_broken_at_its_start_is_refused_at_that_line"),
    ("files built to take the machine down",
     "a 50 MB events file (64,000 events) within 400 MiB (slow)",
     "test_hostile_runtime.py::test_a_50_mb_events_file_is_answered_within_the_memory_budget"),
    # Invalid YAML, wrong types, missing fields
    ("invalid YAML, wrong types, missing fields",
     "unclosed bracket, unknown and missing fields, closed sets, unquoted dates, empty citations, "
     "keys given twice, alias clashes",
     "test_check.py::test_each_kind_of_problem_is_reported_with_file_and_line[yaml syntax|"
     "unknown field|missing field|closed set|unquoted date|no citation|duplicate key|alias clash]"),
    ("invalid YAML, wrong types, missing fields", "a key given twice at any depth",
     "test_store_load.py::test_a_key_given_twice_at_any_depth_is_a_problem"),
    ("invalid YAML, wrong types, missing fields", "a document that is not a list",
     "test_store_load.py::test_a_document_that_is_not_a_list_is_still_a_problem"),
    ("invalid YAML, wrong types, missing fields",
     "a dangling symlink, a folder named events.yaml, stray files among shards",
     "test_store_load.py::test_an_entry_that_is_not_a_file_of_records_is_a_problem_not_a_gap"),
    ("invalid YAML, wrong types, missing fields", "a schema error hides no other problem",
     "test_check.py::test_a_schema_error_hides_no_other_problem"),
    ("invalid YAML, wrong types, missing fields", "every problem, not just the first",
     "test_check.py::test_every_problem_is_reported_not_just_the_first"),
    ("invalid YAML, wrong types, missing fields", "a quote left open, reported where it opens",
     "test_hostile_runtime.py::test_a_quote_left_open_is_reported_where_it_opens"),
    ("invalid YAML, wrong types, missing fields", "NUL, ESC, BEL and DEL bytes: one line, a line",
     "test_hostile_runtime.py::test_a_control_character_is_one_line_at_its_line"),
    ("invalid YAML, wrong types, missing fields", "a source text that is not UTF-8",
     "test_hostile_yaml.py::test_a_source_text_that_is_not_utf8_is_a_problem"),
    ("invalid YAML, wrong types, missing fields", "other commands refuse a broken store, one line",
     "test_check.py::test_other_commands_refuse_a_broken_store_with_one_line"),
    # Duplicates and dangling references
    ("duplicates and dangling references", "a duplicate id within a file",
     "test_check.py::test_each_kind_of_problem_is_reported_with_file_and_line[duplicate id]"),
    ("duplicates and dangling references", "a duplicate id in two shards",
     "test_store_load.py::test_a_duplicate_id_in_two_shards_names_both_files"),
    ("duplicates and dangling references", "an id used by an event and by a figure",
     "test_store_load.py::test_an_id_may_not_stand_for_an_event_in_one_shard_and_a_figure_in_another"),
    ("duplicates and dangling references", "clashing ids between stores",
     "test_cli.py::test_clashing_ids_between_stores_name_both_files"),
    ("duplicates and dangling references", "problems in shards name the shard and line",
     "test_store_load.py::test_problems_in_a_shard_name_the_shard_and_the_line"),
    ("duplicates and dangling references", "an unknown actor or source",
     "test_check.py::test_each_kind_of_problem_is_reported_with_file_and_line[unknown actor|"
     "unknown source]"),
    ("duplicates and dangling references", "relations to missing or unfitting figures",
     "test_check.py::test_relations_must_name_fitting_figures"),
    ("duplicates and dangling references", "a dangling relation stops other commands",
     "test_check.py::test_a_dangling_relation_stops_other_commands_too"),
    ("duplicates and dangling references", "updates in a loop",
     "test_check.py::test_updates_that_run_in_a_loop_are_a_problem"),
    ("duplicates and dangling references", "a quote not in its source",
     "test_check.py::test_quote_that_is_not_verbatim_is_caught_with_a_hint"),
    ("duplicates and dangling references", "an actor listed twice: answered once, named by check",
     "test_hostile_runtime.py::test_an_actor_listed_twice_in_a_record_is_answered_once_and_named_by_check"),
    # Dates and values
    ("impossible dates and values", "a month 13, an interval ending before it starts, low above "
     "the value",
     "test_check.py::test_each_kind_of_problem_is_reported_with_file_and_line[bad date|"
     "start after end|value outside range]"),
    ("impossible dates and values", "low above high, high below the value",
     "test_hostile_runtime.py::test_bounds_that_cross_are_a_problem_at_the_record"),
    ("impossible dates and values", "NaN, infinities, 400 digits, 1e300 (4 commands)",
     "test_hostile_output.py::test_a_number_no_text_states_is_a_problem_at_its_line"),
    ("impossible dates and values", "a 5,000-digit value",
     "test_hostile_output.py::test_a_5000_digit_value_is_a_problem_not_a_crash"),
    ("impossible dates and values", "10^18 itself still stands",
     "test_hostile_output.py::test_the_largest_number_a_figure_may_state_is_10_to_the_18"),
    ("impossible dates and values", "a stored date in Arabic-Indic digits",
     "test_hostile_output.py::test_a_stored_date_in_other_digits_is_a_problem_at_its_line"),
    # Options
    ("options given nonsense", "typed dates in other digits",
     "test_hostile_output.py::test_a_typed_date_in_other_digits_is_a_usage_error"),
    ("options given nonsense", "relative dates off the calendar",
     "test_hostile_output.py::test_a_relative_date_off_the_calendar_is_a_usage_error"),
    ("options given nonsense",
     "--since after --until, negative, zero or fractional --limit, unknown actor, format, field, "
     "tag, domain; an unreadable date",
     "test_hostile_runtime.py::test_an_option_given_nonsense_is_a_usage_error_naming_it"),
    ("options given nonsense", "unknown options and commands, a missing argument",
     "test_cli.py::test_usage_errors_are_one_line_and_a_hint"),
    ("options given nonsense", "a bad choice names the choices",
     "test_cli.py::test_a_bad_choice_names_the_choices_in_plain_words"),
    ("options given nonsense", "messages never carry control characters",
     "test_cli.py::test_error_messages_never_carry_control_characters"),
    # Data folders and the index
    ("data folders and the compiled index", "--data missing, not a store, none left",
     "test_cli.py::test_bad_data_folders_are_usage_errors"),
    ("data folders and the compiled index", "--data naming a file",
     "test_hostile_runtime.py::test_data_that_is_a_file_is_a_usage_error"),
    ("data folders and the compiled index", "--data unreadable (unprivileged)",
     "test_hostile_runtime.py::test_an_unreadable_data_folder_is_a_usage_error"),
    ("data folders and the compiled index", "a store file unreadable (unprivileged)",
     "test_hostile_runtime.py::test_an_unreadable_store_file_is_a_problem_named_by_its_file"),
    ("data folders and the compiled index", "--texts missing",
     "test_check.py::test_texts_folder_must_exist"),
    ("data folders and the compiled index", "a read-only or inaccessible cache (unprivileged)",
     "test_hostile_runtime.py::test_a_cache_folder_that_cannot_be_written_gives_the_same_answers"),
    ("data folders and the compiled index", "an unreadable index file (unprivileged)",
     "test_hostile_runtime.py::test_an_index_file_that_cannot_be_read_gives_the_same_answers"),
    ("data folders and the compiled index",
     "a spoiled header, a folder or a link where the index was",
     "test_hostile_runtime.py::test_whatever_stands_where_the_index_was_gives_the_same_answers"),
    ("data folders and the compiled index", "garbage, truncated, empty, header-only index",
     "test_index.py::test_a_damaged_index_is_rebuilt"),
    ("data folders and the compiled index", "an index from another version",
     "test_index.py::test_an_index_from_another_version_is_not_used"),
    ("data folders and the compiled index", "a tampered index",
     "test_index.py::test_a_tampered_index_with_the_right_key_is_trusted_only_by_its_files"),
    ("data folders and the compiled index", "a cache path through a file",
     "test_index.py::test_a_cache_that_cannot_be_written_only_costs_speed"),
    ("data folders and the compiled index", "an index missing a table",
     "test_index.py::test_an_index_missing_a_table_is_rebuilt"),
    ("data folders and the compiled index", "an index spoiled past the checks",
     "test_index.py::test_an_index_spoiled_past_the_checks_is_one_clear_error"),
    # Terminals and streams
    ("terminals, streams and signals", "COLUMNS huge, 0, negative, empty, text, 20, 1 (4 views)",
     "test_hostile_output.py::test_any_columns_gives_a_view"),
    ("terminals, streams and signals", "TERM=dumb (4 views)",
     "test_hostile_output.py::test_a_dumb_terminal_gets_a_plain_view"),
    ("terminals, streams and signals", "stdout full or closed",
     "test_cli.py::test_a_full_or_closed_stdout_is_one_message_and_the_output_code"),
    ("terminals, streams and signals", "a reader that stops early",
     "test_cli.py::test_a_reader_that_stops_early_ends_quietly"),
    ("terminals, streams and signals", "an ASCII or C-locale stdout",
     "test_cli.py::test_a_narrow_stdout_encoding_still_prints"),
    ("terminals, streams and signals", "Ctrl-C while checking a big store",
     "test_hostile_runtime.py::test_ctrl_c_while_checking_a_big_store_ends_in_130_and_one_word"),
    ("terminals, streams and signals", "Ctrl-C while waiting for the lock",
     "test_hostile_runtime.py::test_ctrl_c_while_waiting_for_the_store_lock_writes_nothing"),
    # Injection
    ("store text that would act elsewhere", "CSV/TSV formula cells",
     "test_hostile_output.py::test_cells_that_would_run_in_a_spreadsheet_are_neutralised"),
    ("store text that would act elsewhere", "negative numbers stay numbers",
     "test_hostile_output.py::test_a_negative_number_stays_a_number"),
    ("store text that would act elsewhere", "neutralised cells import back",
     "test_hostile_output.py::test_import_reads_back_the_csv_timeline_writes"),
    ("store text that would act elsewhere", "HTML, links, footnotes, rows in Markdown",
     "test_hostile_output.py::test_store_text_in_markdown_is_inert"),
    ("store text that would act elsewhere", "http(s) addresses stay links",
     "test_hostile_output.py::test_a_web_address_stays_a_link_in_markdown"),
    ("store text that would act elsewhere", "every listing prints Markdown",
     "test_hostile_output.py::test_every_listing_prints_markdown"),
    ("store text that would act elsewhere", "the brief",
     "test_brief.py::test_hostile_store_text_comes_out_inert"),
    ("store text that would act elsewhere", "the HTML export",
     "test_export_html.py::test_hostile_store_text_reads_as_written_and_never_acts"),
    # Curation
    ("curation: nothing lost", "an invalid record refused, nothing written",
     "test_curate.py::test_an_invalid_record_is_refused_and_nothing_changes"),
    ("curation: nothing lost", "a quote not in its source refused",
     "test_curate.py::test_a_quote_not_in_its_source_is_refused"),
    ("curation: nothing lost", "a bad edit outside a terminal",
     "test_curate.py::test_a_bad_edit_outside_a_terminal_writes_nothing"),
    ("curation: nothing lost", "rm of a record others refer to",
     "test_curate.py::test_rm_is_refused_while_the_record_is_referred_to"),
    ("curation: nothing lost", "the installed package's store",
     "test_curate.py::test_the_bundled_store_of_an_installed_package_is_never_written"),
    ("curation: nothing lost", "a read-only store folder (unprivileged)",
     "test_hostile_runtime.py::test_a_read_only_store_folder_refuses_a_write_and_keeps_every_file"),
    ("curation: nothing lost", "a read-only store file (unprivileged)",
     "test_hostile_runtime.py::test_a_read_only_store_file_refuses_a_write_and_keeps_every_file"),
    ("curation: nothing lost", "20 writers at once",
     "test_curate_safety.py::test_writers_started_at_once_all_get_in"),
    ("curation: nothing lost", "a writer that cannot get the lock",
     "test_hostile_runtime.py::test_a_writer_that_cannot_get_the_lock_gives_up_with_one_line"),
    ("curation: nothing lost", "a writer killed at random, 50 times (slow)",
     "test_curate_safety.py::test_a_writer_killed_at_any_instant_leaves_a_valid_store"),
    ("curation: nothing lost", "`axis import` killed (SIGKILL) mid-write, before fsync or rename",
     "test_hostile_runtime.py::test_an_import_killed_while_it_writes_leaves_the_old_file"),
    ("curation: nothing lost", "an import of 200 records parses its file a few times, not 200",
     "test_hostile_runtime.py::test_an_import_parses_its_file_a_bounded_number_of_times"),
    ("curation: nothing lost", "a full disk, a quota, an I/O error × add, edit, rm, import",
     "test_hostile_runtime.py::test_a_full_disk_loses_nothing_and_says_which_file"),
    # What simply works
    ("files that simply work", "an empty or comments-only file",
     "test_store_load.py::test_an_empty_or_comments_only_file_is_a_store_with_no_records"),
    ("files that simply work", "BOM and CRLF: the same answers",
     "test_hostile_runtime.py::test_a_store_with_a_bom_and_crlf_line_ends_answers_as_the_plain_one"),
    ("files that simply work", "BOM and CRLF: the same check and lines",
     "test_hostile_runtime.py::test_a_store_with_a_bom_and_crlf_line_ends_passes_check_with_the_same_lines"),
    ("files that simply work", "BOM and CRLF kept by add and rm",
     "test_hostile_runtime.py::test_curating_a_crlf_file_keeps_its_bom_and_line_ends"),
    ("files that simply work", "hidden files among shards left alone",
     "test_store_load.py::test_hidden_files_among_shards_are_left_alone"),
    # Properties
    ("properties (hypothesis)", "every stored date round-trips, start <= end (400 dates)",
     "test_properties.py::test_every_stored_date_round_trips_and_starts_before_it_ends"),
    ("properties (hypothesis)", "an interval ending before it starts is refused (200 pairs)",
     "test_properties.py::test_an_interval_that_ends_before_it_starts_is_refused"),
    ("properties (hypothesis)", "any text for timeline options: exit 0 or 2 (40 runs)",
     "test_properties.py::test_any_text_for_a_timeline_option_is_an_answer_or_a_usage_error"),
    ("properties (hypothesis)", "any text for figure options: exit 0 or 2 (40 runs)",
     "test_properties.py::test_any_text_for_a_figure_option_is_an_answer_or_a_usage_error"),
    ("properties (hypothesis)", "any text as an id or words: 0, 2 or 3 (40 runs)",
     "test_properties.py::test_any_text_as_an_id_or_words_is_an_answer_or_not_found"),
    ("properties (hypothesis)", "emitted records load back equal (50 stores)",
     "test_properties.py::test_records_the_emitter_writes_load_back_equal"),
    ("properties (hypothesis)", "--json parses and the schemas accept it (20 stores)",
     "test_properties.py::test_json_output_is_json_the_published_schema_accepts"),
    ("properties (hypothesis)", "any bytes as a store file: exit 0 or 1 (40 files)",
     "test_properties.py::test_any_bytes_as_a_store_file_end_in_an_answer_or_a_data_error"),
]  # fmt: skip


@cache
def collected() -> tuple[str, ...]:
    """The node ids pytest collects in the files the catalogue names."""
    files = sorted({f"tests/{where.split('::')[0]}" for _, _, where in CATALOGUE})
    listing = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", *files],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    return tuple(
        line.removeprefix("tests/") for line in listing.stdout.splitlines() if "::" in line
    )


def cases(where: str) -> int:
    nodes = collected()
    if where.endswith("]"):
        test, _, ids = where[:-1].partition("[")
        return sum(f"{test}[{case}]" in nodes for case in ids.split("|"))
    return sum(node == where or node.startswith(f"{where}[") for node in nodes)


def counts() -> Counter[str]:
    tally: Counter[str] = Counter()
    for kind, _, where in CATALOGUE:
        tally[kind] += cases(where)
    return tally


def markdown() -> str:
    """The catalogue as README shows it: one row per entry, then the count of each class."""
    rows = ["| class | what is tried | cases | where |", "|---|---|---|---|"]
    for kind, what, where in CATALOGUE:
        cell = where.replace("|", "\\|")  # a `|` would split the row, even in code
        rows.append(f"| {kind} | {what} | {cases(where)} | `{cell}` |")
    tally = counts()
    rows += ["", "| class | cases |", "|---|---|"]
    rows += [f"| {kind} | {number} |" for kind, number in tally.items()]
    rows.append(f"| **all** | **{sum(tally.values())}** |")
    return "\n".join(rows) + "\n"


@pytest.mark.parametrize(
    "where", [where for _, _, where in CATALOGUE], ids=[f"{k}: {w}" for k, w, _ in CATALOGUE]
)
def test_every_entry_names_tests_that_exist(where: str) -> None:
    assert cases(where) >= 1, f"no collected test matches {where}"


def test_no_entry_is_listed_twice() -> None:
    wheres = [where for _, _, where in CATALOGUE]
    assert len(wheres) == len(set(wheres))


def test_every_hostile_test_is_in_the_catalogue() -> None:
    """A new test in the hostile files must be catalogued, so that the counts stay whole."""
    named = {where.split("[")[0] for _, _, where in CATALOGUE}
    hostile = {
        node.split("[")[0]
        for node in collected()
        if re.match(r"test_(hostile_(yaml|output|runtime)|properties)\.py::", node)
    }
    assert hostile <= named, sorted(hostile - named)


def test_readme_shows_the_catalogue() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert markdown() in readme, (
        "README's catalogue differs: python -m tests.test_hostile_catalogue"
    )


if __name__ == "__main__":
    print(markdown(), end="")
