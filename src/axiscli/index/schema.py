"""The compiled index's tables, declared once; SCHEMA_VERSION changes whenever they do.

`records.sort_key` orders records as `query.by_date` does (anchor start, the more precise
first, anchor end, id; undated last); `kind`, the `files.rank` of `file` and `line` order
them as the store lists them (events, then figures, then assessments, file by file). An
assessment is a row of `records` of kind 'assessment' (undated: its horizon is not when it was
made), with its own columns in `assessments` (its kind, its holder folded as `--holder`
compares it, its likelihood's level on the ICD 203 scale); `record_actors` links it to its
subject and the sides of its dyad, `record_people` links events and assessments to people,
and `relations` holds its `disputes` and `rests_on`. `row` is the record's JSON
object (`render.rows.record_dict`) as `--json` prints it inside a list, so a listing streams
rows without building a model. `digest` hashes the record's fields: every other column of the
record's rows but `file` and `line` follows from them (and from the registries), so an update
in place keeps the rows of a record whose digest is unchanged.
"""

SCHEMA_VERSION = 3

TABLES = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files (
    path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
    ctime_ns INTEGER NOT NULL, inode INTEGER NOT NULL, sha256 TEXT NOT NULL,
    kind TEXT NOT NULL, rank INTEGER NOT NULL
);
CREATE TABLE sources (id TEXT PRIMARY KEY, position INTEGER NOT NULL, body TEXT NOT NULL);
CREATE TABLE actors (code TEXT PRIMARY KEY, position INTEGER NOT NULL, body TEXT NOT NULL);
CREATE TABLE people (id TEXT PRIMARY KEY, position INTEGER NOT NULL, body TEXT NOT NULL);
CREATE TABLE records (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL,
    kind TEXT NOT NULL,
    file TEXT NOT NULL,
    line INTEGER NOT NULL,
    sort_key TEXT NOT NULL,
    dated INTEGER NOT NULL,
    anchor_start TEXT,
    anchor_end TEXT,
    span_start TEXT,
    span_end TEXT,
    domain TEXT,
    metric TEXT,
    unit TEXT,
    amount REAL,
    when_text TEXT NOT NULL,
    row TEXT NOT NULL,
    digest TEXT NOT NULL
);
CREATE TABLE record_actors (actor TEXT NOT NULL, record INTEGER NOT NULL);
CREATE TABLE record_people (person TEXT NOT NULL, record INTEGER NOT NULL);
CREATE TABLE assessments (
    record INTEGER PRIMARY KEY, kind TEXT NOT NULL, holder TEXT NOT NULL, level INTEGER
);
CREATE TABLE record_sources (
    source TEXT NOT NULL, record INTEGER NOT NULL, citations INTEGER NOT NULL
);
CREATE TABLE record_tags (stem TEXT NOT NULL, record INTEGER NOT NULL, tag TEXT NOT NULL);
CREATE TABLE relations (target TEXT NOT NULL, relation TEXT NOT NULL, record INTEGER NOT NULL);
"""

# Every table a whole index holds (`texts` is made by `textindex.create_table`).
TABLE_NAMES = (
    "meta",
    "files",
    "sources",
    "actors",
    "people",
    "records",
    "record_actors",
    "record_people",
    "assessments",
    "record_sources",
    "record_tags",
    "relations",
    "texts",
)

# `figure.updates` names the earlier figure: seen from that one, the later figure updates it.
REVERSE_RELATIONS = {
    "updates": "updated by",
    "equivalent_to": "equivalent of",
    "disputes": "disputed by",
    "rests_on": "evidence for",
}

# Made after a compile has filled the tables: building an index once is faster than keeping
# it up to date row by row.
INDEXES = """
CREATE UNIQUE INDEX records_by_id ON records (id);
CREATE UNIQUE INDEX record_actors_by_actor ON record_actors (actor, record);
CREATE UNIQUE INDEX record_people_by_person ON record_people (person, record);
CREATE INDEX record_people_by_record ON record_people (record);
CREATE UNIQUE INDEX record_sources_by_source ON record_sources (source, record);
CREATE UNIQUE INDEX record_tags_by_stem ON record_tags (stem, record, tag);
CREATE INDEX records_by_date ON records (kind, sort_key);
CREATE INDEX records_by_anchor ON records (kind, anchor_start);
CREATE INDEX records_by_metric ON records (metric, sort_key);
CREATE INDEX records_by_file ON records (file);
CREATE INDEX relations_by_target ON relations (target);
CREATE INDEX record_tags_by_record ON record_tags (record);
CREATE INDEX record_actors_by_record ON record_actors (record);
CREATE INDEX record_sources_by_record ON record_sources (record);
CREATE INDEX relations_by_record ON relations (record);
"""
