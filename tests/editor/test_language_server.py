"""The JSON Schema in a real editor's language server: yaml-language-server (from npm, as VS Code runs it).

It opens specs over the Language Server Protocol, loads the schema their first line names, and reports what an
editor would show: no problem on the example or on `init` output, a flagged fact without a quote, and
completions with descriptions and without `null`."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import threading
import time
from pathlib import Path
from queue import Empty, Queue
from typing import Any

import pytest
from click.testing import CliRunner

from briefgen.cli import main
from tests.support.paths import EXAMPLE

SERVER = Path(__file__).parent / "node_modules" / ".bin" / "yaml-language-server"


class LanguageServer:
    """A yaml-language-server process and the JSON-RPC messages to and from it."""

    def __init__(self, root: Path):
        if not SERVER.exists():
            if os.environ.get("CI"):
                pytest.fail(f"{SERVER} is missing: .ci/run installs it (npm ci --prefix tests/editor)")
            pytest.skip("yaml-language-server is not installed (npm ci --prefix tests/editor)")
        self.proc = subprocess.Popen(
            [str(SERVER), "--stdio"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        self.inbox: Queue[dict[str, Any]] = Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.ids = 0
        self.request("initialize", {"processId": None, "rootUri": root.as_uri(), "capabilities": {}})
        self.notify("initialized", {})
        settings = {
            "yaml": {"validate": True, "completion": True, "hover": True, "schemaStore": {"enable": False}}
        }
        self.notify("workspace/didChangeConfiguration", {"settings": settings})

    def _read(self) -> None:
        out = self.proc.stdout
        assert out is not None
        while True:
            header = b""
            while not header.endswith(b"\r\n\r\n"):
                chunk = out.read(1)
                if not chunk:
                    return
                header += chunk
            length = int(header.split(b"Content-Length:")[1].split(b"\r\n")[0])
            self.inbox.put(json.loads(out.read(length)))

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self._send({"method": method, "params": params})

    def request(self, method: str, params: dict[str, Any]) -> Any:
        self.ids += 1
        self._send({"id": self.ids, "method": method, "params": params})
        return self._wait(lambda m: m.get("id") == self.ids and "method" not in m).get("result")

    def diagnostics(self, path: Path) -> list[dict[str, Any]]:
        """Open the file and return the diagnostics the server publishes for it (after the schema loads)."""
        uri = path.as_uri()
        self.notify(
            "textDocument/didOpen",
            {
                "textDocument": {
                    "uri": uri,
                    "languageId": "yaml",
                    "version": 1,
                    "text": path.read_text("utf-8"),
                }
            },
        )
        return self._wait(
            lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri
        )["params"]["diagnostics"]

    def _wait(self, wanted: Any, seconds: float = 60) -> dict[str, Any]:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            try:
                message = self.inbox.get(timeout=1)
            except Empty:
                continue
            if message.get("method") == "workspace/configuration":  # the server asks for its settings
                self._send({"id": message["id"], "result": [{"validate": True, "completion": True}]})
            elif wanted(message):
                return message
        raise AssertionError("the language server did not answer in time")

    def close(self) -> None:
        self.proc.kill()
        self.proc.wait(timeout=10)


@pytest.fixture
def server(tmp_path: Path):
    ls = LanguageServer(tmp_path)
    yield ls
    ls.close()


def example_copy(folder: Path) -> Path:
    shutil.copytree(EXAMPLE.parent, folder / "specs")
    return folder / "specs" / EXAMPLE.name


def test_the_example_has_no_problems_in_the_editor(server: LanguageServer, tmp_path: Path):
    assert server.diagnostics(example_copy(tmp_path)) == []


def test_a_fact_with_a_source_but_no_quote_is_flagged(server: LanguageServer, tmp_path: Path):
    spec = example_copy(tmp_path)
    text = spec.read_text("utf-8").replace(
        '    quote: "production and sales volumes exceeding 9.4 million units each"\n', "", 1
    )
    spec.write_text(text, "utf-8")
    problems = server.diagnostics(spec)
    line = next(i for i, ln in enumerate(text.splitlines()) if ln.startswith("  nev_volume:"))
    assert problems, "the editor shows nothing"
    assert any(line <= p["range"]["start"]["line"] <= line + 6 for p in problems), problems


def test_completions_offer_keys_with_descriptions_and_no_null(server: LanguageServer, tmp_path: Path):
    spec = example_copy(tmp_path)
    lines = spec.read_text("utf-8").splitlines()
    at = next(i for i, ln in enumerate(lines) if ln.startswith("  nev_volume:"))
    lines[at:at] = ["  new_fact:", "    "]  # a new fact, the cursor on its first key
    spec.write_text("\n".join(lines) + "\n", "utf-8")
    server.diagnostics(spec)  # opened, schema loaded
    result = server.request(
        "textDocument/completion",
        {"textDocument": {"uri": spec.as_uri()}, "position": {"line": at + 1, "character": 4}},
    )
    items = result["items"] if isinstance(result, dict) else result
    labels = {i["label"] for i in items}
    assert {"scale", "qualifier", "label"} <= labels, labels
    assert "null" not in labels
    assert all(i.get("documentation") for i in items if i["label"] in ("scale", "qualifier")), items


def test_init_output_has_no_problems_in_the_editor(server: LanguageServer, tmp_path: Path):
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        assert CliRunner().invoke(main, ["init", "fresh"]).exit_code == 0
    finally:
        os.chdir(cwd)
    assert server.diagnostics(tmp_path / "specs" / "fresh.yaml") == []
