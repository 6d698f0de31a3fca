"""Parser worker processes: where untrusted files are opened.

Each worker is a separate Python process (``python -m delil.ingest.worker``) that reads one JSON
request per line on its stdin and answers one JSON line. It:

- never opens the case database and writes only under the scratch folder it is given;
- is capped by ``RLIMIT_AS`` (the memory limit) and killed by the parent past the time limit;
- dies with its parent (``PR_SET_PDEATHSIG``), and also exits when its stdin closes;
- refuses network access: an audit hook blocks and counts every socket connect and name lookup;
- keeps the protocol on a private file descriptor and sends its own stdout and stderr to
  /dev/null, so nothing a library prints can corrupt an answer or reach a log.

The parent side is :class:`WorkerPool`. A worker that dies or overruns is replaced; the file it
was parsing is rejected with a specific reason, and the batch goes on.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import queue
import resource
import selectors
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import IO, Any

from delil.errors import RejectedInput
from delil.ingest.formats.base import Limits

PR_SET_PDEATHSIG = 1


# --- worker side --------------------------------------------------------------------------------

_network_attempts = 0
_NETWORK_EVENTS = frozenset(
    {
        "socket.connect",
        "socket.getaddrinfo",
        "socket.gethostbyname",
        "socket.sendto",
        "urllib.Request",
    }
)


def _deny_network(event: str, args: tuple[Any, ...]) -> None:
    global _network_attempts
    if event in _NETWORK_EVENTS:
        if event == "socket.connect" and args and getattr(args[0], "family", None) == 1:
            return  # AF_UNIX: local, not network
        _network_attempts += 1
        raise PermissionError("network access is disabled in parser workers")


def _drop_scratch(scratch: Path) -> None:
    """Remove this file's scratch folder (made only for containers) and what a failed parse
    left in it."""
    import shutil

    if scratch.exists():
        shutil.rmtree(scratch, ignore_errors=True)


def handle_request(req: dict[str, Any]) -> dict[str, Any]:
    """Parse one file as asked; the answer is a JSON-serialisable dict."""
    from delil.ingest.formats import extract_file, supported_media_types
    from delil.ingest.formats.sniff import sniff_media_type
    from delil.text.langid import detect_page
    from delil.text.normalize import normalize_text

    if req.get("warmup"):
        detect_page("warm up the language models before the first file's clock starts")
        return {"ok": True, "warm": True}
    path = Path(req["path"])
    limits = Limits(**req["limits"])
    scratch = Path(req["scratch"])
    media_type = "application/octet-stream"
    try:
        media_type = sniff_media_type(path)
        ex = extract_file(path, media_type, limits, scratch)
    except RejectedInput as e:
        return {
            "ok": False,
            "media_type": media_type,
            "reason": e.reason,
            "network_attempts": _network_attempts,
        }
    except MemoryError:
        return {
            "ok": False,
            "media_type": media_type,
            "reason": f"parser ran out of memory (limit {limits.max_rss_bytes >> 20} MiB)",
            "network_attempts": _network_attempts,
        }
    except RecursionError:
        return {
            "ok": False,
            "media_type": media_type,
            "reason": "file structure nested too deeply to parse",
            "network_attempts": _network_attempts,
        }
    except Exception as e:  # a parser bug or a malformed file the library did not expect
        return {
            "ok": False,
            "media_type": media_type,
            "reason": f"could not parse as {media_type} ({type(e).__name__})",
            "network_attempts": _network_attempts,
        }
    if not ex.children:
        _drop_scratch(scratch)
    pages = []
    total = 0
    weights: dict[tuple[str, str], int] = {}
    for p in ex.pages:
        text = normalize_text(p.text)
        total += len(text)
        guess, paras = detect_page(text)
        if text.strip():
            key = (guess.lang, guess.script)
            weights[key] = weights.get(key, 0) + len(text)
        pages.append(
            {
                "number": p.number,
                "label": p.label,
                "method": p.method,
                "text": text,
                "raw": p.text if p.text != text else None,  # most pages: same, not sent twice
                "lang": guess.lang,
                "script": guess.script,
                "paragraphs": [[s, e, g.lang, g.script] for s, e, g in paras],
            }
        )
    if total > limits.max_text_chars:
        return {
            "ok": False,
            "media_type": media_type,
            "reason": f"file yields over {limits.max_text_chars} characters of text",
            "network_attempts": _network_attempts,
        }
    lang, script = max(weights, key=lambda k: weights[k]) if weights else (None, None)
    return {
        "ok": True,
        "supported": (ex.media_type or media_type) in supported_media_types(),
        "media_type": ex.media_type or media_type,
        "pages": pages,
        "children": [
            {"name": c.name, "path": str(c.path), "metadata": c.metadata} for c in ex.children
        ],
        "metadata": ex.metadata,
        "warnings": ex.warnings,
        "language": lang,
        "script": script,
        "network_attempts": _network_attempts,
    }


def main() -> None:
    """Worker entry point: serve requests until stdin closes."""
    out_fd = os.dup(1)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    out = os.fdopen(out_fd, "w", encoding="utf-8")
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    sys.addaudithook(_deny_network)
    # Import the parsers and load the language model before the parent's clock starts.
    handle_request({"warmup": True})
    out.write(json.dumps({"ready": True}) + "\n")
    out.flush()
    for line in sys.stdin:
        req = json.loads(line)
        try:
            ans = handle_request(req)
        except MemoryError:
            ans = {
                "ok": False,
                "media_type": "application/octet-stream",
                "reason": "parser ran out of memory",
                "network_attempts": _network_attempts,
            }
        out.write(json.dumps(ans, ensure_ascii=False) + "\n")
        out.flush()


# --- parent side --------------------------------------------------------------------------------


def _child_setup(rss_bytes: int) -> Callable[[], None]:
    # PR_SET_PDEATHSIG fires when the *thread* that forked the child ends. Replacement workers
    # are forked from ingest's staging threads, which live as long as the pool; and a worker
    # also exits when its stdin closes, whichever comes first.
    def setup() -> None:
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):  # not Linux: stdin EOF still ends the worker
            pass
        resource.setrlimit(resource.RLIMIT_AS, (rss_bytes, rss_bytes))
        os.setsid()

    return setup


class Worker:
    """One parser process, from the parent's side."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        env = dict(os.environ, OMP_THREAD_LIMIT="1", PYTHONDONTWRITEBYTECODE="1")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "delil.ingest.worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            preexec_fn=_child_setup(limits.max_rss_bytes),
            env=env,
        )
        assert self.proc.stdin and self.proc.stdout
        self.stdin: IO[bytes] = self.proc.stdin
        self.stdout: IO[bytes] = self.proc.stdout
        self._ready = False

    def _wait_ready(self) -> None:
        """Read the worker's start-up line (imports done), without counting it per file."""
        if not self._ready:
            self.stdout.readline()
            self._ready = True

    def request(self, req: dict[str, Any]) -> dict[str, Any]:
        """Send one request and wait for its answer, at most ``limits.max_seconds``.

        A worker that overruns or dies is killed; the answer then rejects the file with why.
        """
        self._wait_ready()
        try:
            self.stdin.write((json.dumps(req) + "\n").encode())
            self.stdin.flush()
        except BrokenPipeError:
            return self._died()
        deadline = time.monotonic() + self.limits.max_seconds
        buf = bytearray()
        sel = selectors.DefaultSelector()
        sel.register(self.stdout, selectors.EVENT_READ)
        fd = self.stdout.fileno()
        try:
            while True:
                left = deadline - time.monotonic()
                if left <= 0:
                    self.kill()
                    return {
                        "ok": False,
                        "media_type": None,
                        "network_attempts": 0,
                        "reason": f"parser took longer than {self.limits.max_seconds:g} s",
                    }
                if not sel.select(timeout=left):
                    continue
                chunk = os.read(fd, 1 << 20)
                if not chunk:
                    return self._died()
                buf += chunk
                if buf.endswith(b"\n"):
                    answer: dict[str, Any] = json.loads(buf)
                    return answer
        finally:
            sel.close()

    def _died(self) -> dict[str, Any]:
        code = self.proc.wait()
        if code < 0 and -code in (signal.SIGKILL, signal.SIGSEGV, signal.SIGABRT):
            why = (
                f"parser was killed (signal {-code}); the file likely exceeded the "
                f"{self.limits.max_rss_bytes >> 20} MiB memory limit or crashed the parser"
            )
        else:
            why = f"parser exited unexpectedly (code {code})"
        return {"ok": False, "media_type": None, "reason": why, "network_attempts": 0}

    @property
    def alive(self) -> bool:
        """Whether the process is still running."""
        return self.proc.poll() is None

    def kill(self) -> None:
        """Kill the worker and everything it started (its process group)."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait()

    def close(self) -> None:
        """Ask the worker to exit (stdin EOF), killing it if it does not; close the pipes."""
        with contextlib.suppress(BrokenPipeError):
            self.stdin.close()
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.kill()
        self.stdout.close()


class WorkerPool:
    """A few long-lived workers; ``parse`` is safe to call from several threads at once."""

    def __init__(self, size: int, limits: Limits) -> None:
        self.limits = limits
        self.size = max(1, size)
        self._idle: queue.Queue[Worker] = queue.Queue()
        self._all: list[Worker] = []
        for _ in range(self.size):
            self._spawn()

    def _spawn(self) -> None:
        w = Worker(self.limits)
        self._all.append(w)
        self._idle.put(w)

    def parse(self, path: Path, scratch: Path) -> dict[str, Any]:
        """Parse one file in some worker; see :func:`handle_request` for the answer."""
        w = self._idle.get()
        try:
            ans = w.request(
                {"path": str(path), "scratch": str(scratch), "limits": asdict(self.limits)}
            )
        finally:
            if w.alive:
                self._idle.put(w)
            else:
                w.close()
                self._all.remove(w)
                self._spawn()
        return ans

    def close(self) -> None:
        """Stop every worker."""
        for w in self._all:
            w.close()
        self._all.clear()

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


if __name__ == "__main__":
    main()
