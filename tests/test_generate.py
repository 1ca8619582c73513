"""The benchmark's synthetic stores: sound for `axis check`, deterministic, as varied as the
real store; and the benchmark's smoke run completes. No timing is asserted here."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from axiscli.dates import parse_edtf
from axiscli.model import DOMAINS, QUALIFIERS

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import generate  # noqa: E402  (a script's module, beside run.py in benchmarks/)


def records(folder: Path, kind: str) -> list[dict]:
    files = [folder / f"{kind}.yaml"] if (folder / f"{kind}.yaml").is_file() else []
    files += sorted((folder / kind).glob("*.yaml")) if (folder / kind).is_dir() else []
    return [item for path in files for item in yaml.safe_load(path.read_text()) or []]


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """60 events and 40 figures in one file each, with the JSON copy."""
    folder = tmp_path_factory.mktemp("store")
    json_file = folder.parent / "store.json"
    generate.write_store(folder, 60, 40, seed=7, json_file=json_file)
    return folder, json_file


@pytest.mark.parametrize("shards", [None, 3, 70])
def test_generated_store_passes_check(axis, tmp_path, shards):
    # 70 shards for 60 events leaves some shards without records: they must still load.
    store = tmp_path / "store"
    generate.write_store(store, 60, 40, shards=shards, seed=7)
    result = axis(
        "check", "--data", store, "--no-bundled", env={"AXIS_CACHE_DIR": str(tmp_path / "cache")}
    )
    assert result.exit_code == 0, result.output
    assert "OK: 100 records (60 events, 40 figures" in result.stdout
    if shards:
        assert not (store / "events.yaml").exists()
        assert len(list((store / "events").glob("*.yaml"))) == shards
        assert len(list((store / "figures").glob("*.yaml"))) == shards


def test_sharded_store_holds_the_same_records(small, tmp_path):
    folder, _ = small
    generate.write_store(tmp_path, 60, 40, shards=3, seed=7)
    for kind in ("events", "figures"):
        assert records(tmp_path, kind) == records(folder, kind)


def test_same_seed_same_bytes_other_seed_other_records(tmp_path):
    first, second, other = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    generate.write_store(first, 60, 40, seed=3, json_file=tmp_path / "a.json")
    generate.write_store(second, 60, 40, seed=3, json_file=tmp_path / "b.json")
    generate.write_store(other, 60, 40, seed=4)
    for name in ("sources.yaml", "actors.yaml", "events.yaml", "figures.yaml"):
        assert (first / name).read_bytes() == (second / name).read_bytes()
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()
    assert (first / "events.yaml").read_bytes() != (other / "events.yaml").read_bytes()


def test_records_are_as_varied_as_the_real_store(small):
    folder, _ = small
    events, figures = records(folder, "events"), records(folder, "figures")
    assert {event["domain"] for event in events} == set(DOMAINS)
    assert {figure["qualifier"] for figure in figures} == set(QUALIFIERS)
    undated = [r for r in (*events, *figures) if "date" not in r]
    assert undated and all(r["date_note"].startswith("Undated") for r in undated)
    dates = [r["date"] for r in (*events, *figures) if "date" in r]
    assert any(d.startswith("../") for d in dates) and any(d.endswith("/..") for d in dates)
    assert any("/" in d and ".." not in d for d in dates)
    assert any(d[-1] in "~?%" for d in dates)
    assert {len(d) for d in dates if d.isdigit() or d.replace("-", "").isdigit()} == {4, 7, 10}
    for relation in ("equivalent_to", "updates", "disputes"):
        assert any(relation in figure for figure in figures), relation
    assert any("magnitude" in figure and "value" not in figure for figure in figures)
    assert {len(e["citations"]) for e in events} >= {1, 2, 3}
    assert any("claimant" in c for e in events for c in e["citations"])
    codes = {actor["code"] for actor in yaml.safe_load((folder / "actors.yaml").read_text())}
    used = {code for r in (*events, *figures) for code in r["actors"]}
    assert used == codes  # by code, every one of them (check's curation rule)


def test_json_copy_carries_the_records_and_their_days(small):
    folder, json_file = small
    document = json.loads(json_file.read_text())
    for kind in ("events", "figures"):
        in_yaml = records(folder, kind)
        assert [r["id"] for r in document[kind]] == [r["id"] for r in in_yaml]
        for record in document[kind]:
            if record.get("date") is None:
                assert record["start"] is record["end"] is record["anchor_start"] is None
                continue
            span = parse_edtf(record["date"])
            assert record["start"] == (span.start.isoformat() if span.start else None)
            assert record["end"] == (span.end.isoformat() if span.end else None)
            assert [record["anchor_start"], record["anchor_end"]] == [
                day.isoformat() for day in span.anchor
            ]


def test_generate_command_line(tmp_path):
    code = generate.main(["--events", "5", "--figures", "5", "--out", str(tmp_path / "s")])
    assert code == 0
    assert len(records(tmp_path / "s", "events")) == 5


def test_quick_benchmark_runs_to_completion():
    if shutil.which("jq") is None:
        pytest.skip("jq is not installed: benchmarks/run.py --quick compares axis with it")
    done = subprocess.run(
        [sys.executable, str(BENCHMARKS / "run.py"), "--quick"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    for title in ("Bundled store", "Generated stores", "Cold"):
        assert title in done.stdout
    assert "failed" not in done.stdout, done.stdout
