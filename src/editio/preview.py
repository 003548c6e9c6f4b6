"""Live preview for editors: rebuild when a source, stylesheet, schema or setting changes, and let
the open pages reload themselves (or show the validation problems that stopped the rebuild).

Only ``editio serve --watch`` uses this. The built files stay exactly as ``editio build`` makes them:
the reload script is added to HTML pages as they are served.
"""

from __future__ import annotations

import hashlib
import json
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .config import Config
from .errors import EditioError
from .headers import secured
from .transform import XSLT_DIR, data_dir
from .wsgi import StartResponse

STATE_PATH = "/_editio/state"
SCRIPT_PATH = "/_editio/live.js"
POLL_SECONDS = 0.5
# A rebuild that failed for a reason outside the sources (a full disk, say) is tried again this often.
RETRY_SECONDS = 5.0
# A file changed this recently may change again within its time stamp's resolution: compare contents.
RACY_SECONDS = 2.0
# What a preview rebuilds: the pages and what they link to; the PDF is left to `editio build`.
PREVIEW_OUTPUTS = ("html", "text", "metadata")

# Polls the build state; reloads when a new build lands; shows what stopped a rebuild.
LIVE_SCRIPT = b"""(function () {
  var seen = null, box = null;
  function show(state) {
    if (state.ok) { if (box) { box.remove(); box = null; } return; }
    if (!box) {
      box = document.createElement('aside');
      box.setAttribute('role', 'alert');
      box.style.cssText = 'position:fixed;inset:auto 1rem 1rem 1rem;max-height:40vh;overflow:auto;z-index:99;' +
        'background:#fff4f2;color:#5c1010;border:2px solid #a11;padding:1rem;font:14px/1.4 monospace;';
      document.body.appendChild(box);
    }
    box.textContent = 'editio: the last rebuild failed; this page shows the previous build.\\n\\n' +
      state.problems.join('\\n');
    box.style.whiteSpace = 'pre-wrap';
  }
  function poll() {
    fetch('/_editio/state', {cache: 'no-store'}).then(function (r) { return r.json(); }).then(function (state) {
      if (seen !== null && state.generation !== seen && state.ok) { location.reload(); return; }
      seen = state.generation;
      show(state);
    }).catch(function () {}).then(function () { setTimeout(poll, 1000); });
  }
  poll();
})();
"""


@dataclass
class BuildState:
    """What the open pages need to know: which build they show, and whether the last one failed."""

    generation: int = 0
    ok: bool = True
    problems: list[str] = field(default_factory=list)

    def to_json(self) -> bytes:
        return json.dumps({"generation": self.generation, "ok": self.ok, "problems": self.problems}).encode()


class Watcher:
    """Polls the files a build depends on and rebuilds when their fingerprint changes."""

    def __init__(self, config: Config, out: Path | None = None, rebuild: Callable[[], None] | None = None,
                 log: Callable[[str], None] = lambda line: print(line, file=sys.stderr, flush=True)) -> None:
        self.config = config
        self.out = out or config.output_dir
        self.state = BuildState()
        self.log = log
        self.rebuild = rebuild or self._build
        self._fingerprint = None
        self._retry_at: float | None = None
        self._digests: dict[tuple, str] = {}
        self._stop = threading.Event()

    def watched_files(self) -> list[Path]:
        folders = [self.config.sources_dir, XSLT_DIR, data_dir("schema")]
        files = [p for folder in folders if folder.is_dir() for p in folder.rglob("*") if p.is_file()]
        return sorted(files + ([self.config.path] if self.config.path else []))

    def fingerprint(self) -> tuple:
        """Each file's identity, size and times (the change time too: an edit that restores the
        modification time still changes it); and, for a file changed so recently that a second edit
        could keep all of these, a digest of its contents."""
        entries, digests = [], {}
        racy = time.time_ns() - int(RACY_SECONDS * 1e9)
        for path in self.watched_files():
            try:
                stat = path.stat()
                identity = (str(path), stat.st_ino, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_size)
                # A digest, once taken, stays with the same identity, so that a file that is no
                # longer recent does not look changed.
                digest = hashlib.blake2b(path.read_bytes()).hexdigest() \
                    if max(stat.st_mtime_ns, stat.st_ctime_ns) >= racy else self._digests.get(identity)
            except OSError:
                continue
            if digest is not None:
                digests[identity] = digest
            entries.append((*identity, digest))
        self._digests = digests
        return tuple(entries)

    def check(self) -> bool:
        """Rebuild if anything changed since the last check, or a failed rebuild is due to be tried
        again; True if a rebuild was attempted. Never raises: the preview must outlive any error."""
        try:
            current = self.fingerprint()
        except OSError as error:
            current = (str(error),)
        retry = self._retry_at is not None and time.monotonic() >= self._retry_at
        if current == self._fingerprint and not retry:
            return False
        self._fingerprint = current
        self._retry_at = None
        from .build import ValidationFailed
        try:
            self.rebuild()
        except ValidationFailed as failure:
            self._failed([str(p) for p in failure.report.problems] + [str(failure)])
        except Exception as error:  # noqa: BLE001 - whatever stopped the build, the editor must see it
            self._failed([_describe(error)])
            if _outside_the_sources(error):
                self._retry_at = time.monotonic() + RETRY_SECONDS
        else:
            self.state = BuildState(self.state.generation + 1, True, [])
        return True

    def _build(self) -> None:
        from .build import build_edition

        _forget_edited_stylesheets()
        report = build_edition([self.config.sources_dir], out=self.out, only=PREVIEW_OUTPUTS)
        self.log(f"editio: rebuilt: {report.summary()}")

    def _failed(self, problems: list[str]) -> None:
        self.state = BuildState(self.state.generation, False, problems)
        self.log("editio: rebuild failed, serving the previous build:\n  " + "\n  ".join(problems))

    def run_in_background(self) -> threading.Thread:
        def loop() -> None:
            while not self._stop.wait(POLL_SECONDS):
                try:
                    self.check()
                except Exception as error:  # noqa: BLE001 - last resort: keep watching, say why
                    self._failed([_describe(error)])
        thread = threading.Thread(target=loop, name="editio-watch", daemon=True)
        thread.start()
        return thread

    def stop(self) -> None:
        self._stop.set()


class LivePreview:
    """WSGI middleware: the state and script URLs, and the script added to each HTML page."""

    def __init__(self, app, watcher: Watcher) -> None:
        self.app = app
        self.watcher = watcher

    def __call__(self, environ: dict, start_response: StartResponse):
        start_response = secured(start_response)
        path = environ.get("PATH_INFO") or "/"
        if path == STATE_PATH:
            return _reply(start_response, "application/json", self.watcher.state.to_json())
        if path == SCRIPT_PATH:
            return _reply(start_response, "text/javascript; charset=utf-8", LIVE_SCRIPT)
        captured: dict = {}

        def capture(status, headers, exc_info=None):
            captured.update(status=status, headers=headers)
            return lambda data: None

        body = b"".join(self.app(environ, capture))
        headers = captured["headers"]
        if dict((k.lower(), v) for k, v in headers).get("content-type", "").startswith("text/html") and body:
            body = body.replace(b"</body>", b'<script src="' + SCRIPT_PATH.encode() + b'"></script></body>', 1)
            headers = [(k, v) for k, v in headers if k.lower() not in ("content-length", "etag", "last-modified")]
            headers += [("Content-Length", str(len(body))), ("Cache-Control", "no-store")]
        start_response(captured["status"], headers)
        return [body]


def _forget_edited_stylesheets() -> None:
    """An edited stylesheet must be compiled again, and its change seen by the build cache; an edit
    to the sources alone keeps the compiled stylesheets (compiling them all takes seconds).

    The build cache's digest of the stylesheets is taken as a build starts, before the build compiles
    any: when the folder no longer has that digest, every compiled stylesheet is forgotten (one may
    include an edited one), and the digest with them."""
    from . import cache, transform

    if cache.folder_digest(XSLT_DIR) != cache.stylesheets_digest():
        transform.stylesheet.cache_clear()
        cache.stylesheets_digest.cache_clear()


def _describe(error: Exception) -> str:
    if isinstance(error, EditioError):
        return str(error)
    if isinstance(error, OSError):
        return f"{error.filename or 'the build'}: error: {error.strerror or error}"
    return f"error: the rebuild failed: {type(error).__name__}: {error}"


def _outside_the_sources(error: Exception) -> bool:
    """A failure the sources did not cause (a full or read-only disk): worth trying again."""
    from .errors import BuildError, InputError
    return isinstance(error, (OSError, BuildError)) and not isinstance(error, InputError)


def _reply(start_response: StartResponse, content_type: str, body: bytes) -> list[bytes]:
    start_response("200 OK", [("Content-Type", content_type), ("Content-Length", str(len(body))),
                              ("Cache-Control", "no-store")])
    return [body]
