"""The `delil` command as a user runs it: exit codes, --json, home precedence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from delil.cli import cli
from tests.helpers import write_files


def run(args: list[str], env: dict[str, str] | None = None, code: int = 0) -> str:
    result = CliRunner().invoke(cli, args, env=env, catch_exceptions=False)
    assert result.exit_code == code, (result.exit_code, result.output)
    return result.output


@pytest.fixture
def home(tmp_path: Path) -> Path:
    h = tmp_path / "case"
    run(["init", str(h)])
    return h


def test_init_prints_the_signing_key_and_refuses_twice(tmp_path: Path) -> None:
    out = run(["init", str(tmp_path / "c"), "--json"])
    doc = json.loads(out)
    assert doc["signing_key"].startswith("SHA256:")
    out = run(["init", str(tmp_path / "c")], code=1)
    assert "already holds a Delil case" in out


def test_home_precedence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    run(["init"])  # ./.delil
    assert (tmp_path / ".delil" / "delil.db").is_file()
    run(["--home", str(tmp_path / "flag"), "init"])
    assert (tmp_path / "flag" / "delil.db").is_file()
    run(["init"], env={"DELIL_HOME": str(tmp_path / "env")})
    assert (tmp_path / "env" / "delil.db").is_file()
    # --home wins over DELIL_HOME
    out = run(
        ["--home", str(tmp_path / "flag"), "sources", "--json"],
        env={"DELIL_HOME": str(tmp_path / "env")},
    )
    assert json.loads(out) == []


def test_commands_without_a_case_fail_clearly(tmp_path: Path) -> None:
    out = run(["--home", str(tmp_path / "none"), "sources"], code=1)
    assert "no Delil case" in out and "delil init" in out


def test_ingest_search_text_verify(home: Path, tmp_path: Path) -> None:
    ev = write_files(
        tmp_path / "evidence",
        {
            "a.txt": "A fictional account of the detention centre.",
            "b.txt": "他被关押在看守所。",
        },
    )
    out = run(
        [
            "--home",
            str(home),
            "ingest",
            str(ev),
            "--acquired-from",
            "Fictional NGO",
            "--reliability",
            "b",
            "--json",
        ]
    )
    doc = json.loads(out)
    assert doc["summary"] == {"extracted": 2}
    sid = doc["sources"][0]["source_id"]
    hits = json.loads(run(["--home", str(home), "search", "看守所", "--json"]))
    assert len(hits) == 1 and "<mark>" in hits[0]["snippet_html"]
    out = run(["--home", str(home), "search", "detention centre", "--lang", "en"])
    assert "1 result(s)" in out
    out = run(["--home", str(home), "text", sid])
    assert "--- page 1" in out and "detention centre" in out
    pages = json.loads(run(["--home", str(home), "text", sid, "--json"]))
    assert pages[0]["text"] == "A fictional account of the detention centre."
    out = run(["--home", str(home), "verify"])
    assert "OK" in out
    v = json.loads(run(["--home", str(home), "verify", "--json"]))
    assert v["ok"] and v["sources"] == 2


def test_rejected_input_exits_3_and_lists(home: Path, tmp_path: Path) -> None:
    ev = write_files(
        tmp_path / "ev", {"ok.txt": "Fine fictional text.", "bad.pdf": b"%PDF-1.5 not really"}
    )
    run(["--home", str(home), "ingest", str(ev)], code=3)
    rows = json.loads(run(["--home", str(home), "sources", "--status", "rejected", "--json"]))
    assert len(rows) == 1 and rows[0]["reason"]


def test_usage_errors_exit_2(home: Path, tmp_path: Path) -> None:
    run(["--home", str(home), "ingest", str(tmp_path), "--reliability", "Z"], code=2)
    run(["--home", str(home), "verify", "--since", __file__], code=2)  # --since needs --key
    run(["--home", str(home), "nonsense"], code=2)


def test_bad_acquired_on_is_a_usage_error(home: Path, tmp_path: Path) -> None:
    out = run(["--home", str(home), "ingest", str(tmp_path), "--acquired-on", "last week"], code=2)
    assert "acquired_on" in out or "date like" in out


def test_unknown_source_is_a_clear_error(home: Path) -> None:
    out = run(["--home", str(home), "text", "S0000"], code=1)
    assert "source 'S0000' not found" in out


def test_checkpoint_and_verify_since(home: Path, tmp_path: Path) -> None:
    ev = write_files(tmp_path / "ev", {"a.txt": "Fictional text."})
    run(["--home", str(home), "ingest", str(ev)])
    cp = run(["--home", str(home), "ledger", "checkpoint"])
    head = tmp_path / "head.json"
    head.write_text(cp)
    fp = json.loads(cp)["fingerprint"]
    out = run(["--home", str(home), "verify", "--since", str(head), "--key", fp])
    assert "contained in the ledger" in out
    out = run(
        ["--home", str(home), "verify", "--since", str(head), "--key", "SHA256:other"], code=1
    )
    assert "not the trusted key" in out
    events = json.loads(run(["--home", str(home), "ledger", "events", "--json"]))
    assert [e["action"] for e in events] == ["init", "ingest"]


def test_reindex(home: Path, tmp_path: Path) -> None:
    ev = write_files(tmp_path / "ev", {"a.txt": "Fictional text about a camp."})
    run(["--home", str(home), "ingest", str(ev)])
    assert json.loads(run(["--home", str(home), "reindex", "--json"])) == {"pages": 1}
    assert "1 result(s)" in run(["--home", str(home), "search", "camp"])


def test_every_command_has_help() -> None:
    for name, cmd in cli.commands.items():
        assert cmd.help, name
        out = run([name, "--help"])
        assert "Usage:" in out


def test_verify_reconciles_a_damaged_index_only_when_asked(home: Path, tmp_path: Path) -> None:
    from delil.storage.sqlite import SQLiteStore

    ev = write_files(tmp_path / "ev", {"a.txt": "Fictional text about a camp."})
    run(["--home", str(home), "ingest", str(ev)])
    store = SQLiteStore.open(home)
    store.db.execute("INSERT INTO page_fts(page_fts) VALUES ('delete-all')")
    store.close()
    assert "0 result(s)" in run(["--home", str(home), "search", "camp"])
    out = run(["--home", str(home), "verify"], code=1)
    assert "search index does not match" in out
    out = run(["--home", str(home), "verify", "--fix-index"])
    assert "search index rebuilt" in out and "OK" in out
    assert "1 result(s)" in run(["--home", str(home), "search", "camp"])


def test_rank_all_and_window_hint(home: Path, tmp_path: Path) -> None:
    files = {f"n{i}.txt": f"Fictional note {i} about a camp." for i in range(3)}
    run(["--home", str(home), "ingest", str(write_files(tmp_path / "ev", files))])
    out = run(["--home", str(home), "search", "camp", "--limit", "2"])
    assert "2 result(s)" in out and "More than" not in out
    out = run(["--home", str(home), "search", "camp", "--rank-all"])
    assert "3 result(s)" in out
