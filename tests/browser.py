"""Headless Chromium for the view tests, driven over the DevTools protocol on a pipe
(``--remote-debugging-pipe``: JSON messages ending in NUL on file descriptors 3 and 4), so
no websocket library or driver binary is needed.

``--dump-dom`` with ``--virtual-time-budget`` proved unreliable for vis-network pages (the
first frame was sometimes never drawn before the dump); a real session lets the test wait
for the page's own status, read script errors and console errors as they happen, time the
first paint in real time and take a screenshot.
"""
from __future__ import annotations

import base64
import fcntl
import json
import os
import select
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

BROWSERS = ("chromium", "chromium-browser", "google-chrome")


def find_chromium() -> str | None:
    for name in BROWSERS:
        path = shutil.which(name)
        if path:
            return path
    return None


@dataclass
class PageLoad:
    """What a page did: its status attributes, errors, and the wall time to first draw."""

    attributes: dict
    errors: list = field(default_factory=list)
    seconds_to_drawn: float | None = None


class Chromium:
    def __init__(self, executable: str, profile: Path, width: int = 1400, height: int = 900):
        self._next = 0
        self._buffer = b""
        self.events: list[dict] = []
        to_child_r, to_child_w = os.pipe()
        from_child_r, from_child_w = os.pipe()
        # keep the child's ends away from 3 and 4 before they are moved there
        child_in = fcntl.fcntl(to_child_r, fcntl.F_DUPFD_CLOEXEC, 10)
        child_out = fcntl.fcntl(from_child_w, fcntl.F_DUPFD_CLOEXEC, 10)
        os.close(to_child_r)
        os.close(from_child_w)

        def move_pipes():  # runs in the child before exec: the protocol's fds 3 and 4
            os.dup2(child_in, 3)
            os.dup2(child_out, 4)

        self.proc = subprocess.Popen(
            [executable, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
             "--hide-scrollbars", "--remote-debugging-pipe", f"--user-data-dir={profile}",
             f"--window-size={width},{height}", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            close_fds=False, preexec_fn=move_pipes)
        os.close(child_in)
        os.close(child_out)
        self._write, self._read = to_child_w, from_child_r
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            self.call(f"{domain}.enable", session=True)
        self.call("Emulation.setDeviceMetricsOverride", session=True, width=width, height=height,
                  deviceScaleFactor=1, mobile=False)

    def _send(self, message: dict) -> None:
        os.write(self._write, json.dumps(message).encode("utf-8") + b"\0")

    def _receive(self, timeout: float) -> dict | None:
        end = time.monotonic() + timeout
        while b"\0" not in self._buffer:
            left = end - time.monotonic()
            if left <= 0 or not select.select([self._read], [], [], left)[0]:
                return None
            chunk = os.read(self._read, 1 << 20)
            if not chunk:
                raise RuntimeError("chromium closed the DevTools pipe")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(raw)

    def call(self, method: str, session: bool = False, timeout: float = 30.0, **params):
        self._next += 1
        message = {"id": self._next, "method": method, "params": params}
        if session:
            message["sessionId"] = self.session
        self._send(message)
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            reply = self._receive(end - time.monotonic())
            if reply is None:
                break
            if reply.get("id") == self._next:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)
        raise TimeoutError(f"{method}: no answer from chromium in {timeout} s")

    def errors(self) -> list[str]:
        """Script exceptions, console errors and error log entries seen so far."""
        found = []
        for e in self.events:
            p = e.get("params", {})
            if e.get("method") == "Runtime.exceptionThrown":
                d = p.get("exceptionDetails", {})
                found.append((d.get("exception") or {}).get("description") or d.get("text", "exception"))
            elif e.get("method") == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
                found.append(" ".join(str(a.get("value", a.get("description", ""))) for a in p.get("args", [])))
            elif e.get("method") == "Log.entryAdded" and p.get("entry", {}).get("level") == "error":
                found.append(f"{p['entry'].get('source')}: {p['entry'].get('text')} {p['entry'].get('url', '')}")
        return found

    def evaluate(self, expression: str):
        result = self.call("Runtime.evaluate", session=True, expression=expression, returnByValue=True)
        return result.get("result", {}).get("value")

    def load(self, url: str, timeout: float = 60.0) -> PageLoad:
        """Open ``url`` and wait until the page says it has drawn (``data-kg-status``)."""
        self.call("Page.navigate", session=True, url="about:blank")  # so that a new #fragment reloads
        self.events.clear()
        start = time.monotonic()
        self.call("Page.navigate", session=True, url=url)
        drawn = None
        while time.monotonic() - start < timeout:
            if self.evaluate("document.documentElement.getAttribute('data-kg-status')") == "drawn":
                drawn = time.monotonic() - start
                break
            self.events.extend(filter(None, [self._receive(0.05)]))
        time.sleep(0.3)  # let a search or animation that follows the first draw finish
        attributes = self.evaluate(
            "Object.fromEntries(Array.from(document.documentElement.attributes).map(a => [a.name, a.value]))")
        return PageLoad(attributes or {}, self.errors(), drawn)

    def screenshot(self, path: Path) -> Path:
        data = self.call("Page.captureScreenshot", session=True, format="png")["data"]
        path.write_bytes(base64.b64decode(data))
        return path

    def close(self) -> None:
        try:
            self._send({"id": self._next + 1, "method": "Browser.close"})
            self.proc.wait(timeout=10)
        except Exception:
            self.proc.kill()
            self.proc.wait()
        finally:
            os.close(self._write)
            os.close(self._read)
