#!/usr/bin/env python3
"""browser_check.py PAGE.html KERNELS [SCREENSHOT.png]: opens an HTML report in
headless chromium and checks it as a reader's browser sees it (tests/test_report_html.sh).

It speaks the Chrome DevTools Protocol over --remote-debugging-pipe (file
descriptors 3 and 4, messages ending in a NUL byte), with Python's standard
library only: no websocket, no port, no race with other tests for one.  It
enables the Page, Runtime, Log and Network domains before it navigates, so
that every event of the load is seen, and fails when:
  - the page requests anything but itself (Network.requestWillBeSent), or its
    Performance API lists any resource it fetched;
  - the console has an error (Runtime.consoleAPICalled of type error or assert,
    Runtime.exceptionThrown, Log.entryAdded of level error);
  - the page has a <script>, or an element with a src or an external href;
  - any inline plot (svg.plot) has no rendered width or height;
  - a kernel of KERNELS (comma-separated) has no section (id k-NAME) holding a
    plot and a table.
With SCREENSHOT, it saves the whole page at 1280 CSS pixels wide as a PNG.
Prints one line per finding (# ...), and exits 0 or 1."""
import base64
import fcntl
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time

TIMEOUT_S = 45


def _above_4(fd):
    """fd moved above 4, so that putting two at 3 and 4 in the child never overwrites one."""
    high = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
    os.close(fd)
    return high


class Browser:
    def __init__(self, chromium, profile):
        to_chrome_r, self.to_chrome = os.pipe()
        self.from_chrome, from_chrome_w = os.pipe()
        to_chrome_r, from_chrome_w = _above_4(to_chrome_r), _above_4(from_chrome_w)

        def wire():  # in the child: chromium reads commands on fd 3 and writes on fd 4
            os.dup2(to_chrome_r, 3)  # inheritable: open across exec
            os.dup2(from_chrome_w, 4)

        self.proc = subprocess.Popen(
            [chromium, "--headless=new", "--no-sandbox", "--disable-gpu",
             "--remote-debugging-pipe", "--user-data-dir=" + profile, "--no-first-run",
             "--no-default-browser-check", "--disable-extensions", "--disable-sync",
             "--disable-background-networking", "--disable-component-update",
             "--hide-scrollbars", "--window-size=1280,900", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=wire, close_fds=False)
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self.buf = b""
        self.next_id = 0
        self.events = []
        self.deadline = time.monotonic() + TIMEOUT_S

    def _read_message(self):
        while b"\0" not in self.buf:
            left = self.deadline - time.monotonic()
            if left <= 0 or not select.select([self.from_chrome], [], [], left)[0]:
                raise RuntimeError("chromium did not answer within %d s" % TIMEOUT_S)
            chunk = os.read(self.from_chrome, 1 << 20)
            if not chunk:
                raise RuntimeError("chromium closed the pipe (exit %s)" % self.proc.poll())
            self.buf += chunk
        msg, self.buf = self.buf.split(b"\0", 1)
        return json.loads(msg)

    def call(self, method, params=None, session=None):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self.to_chrome, json.dumps(msg).encode() + b"\0")
        while True:
            m = self._read_message()
            if m.get("id") == self.next_id:
                if "error" in m:
                    raise RuntimeError("%s: %s" % (method, m["error"]))
                return m.get("result", {})
            if "method" in m:
                self.events.append(m)

    def wait_event(self, method):
        for m in self.events:
            if m["method"] == method:
                return m
        while True:
            m = self._read_message()
            if "method" in m:
                self.events.append(m)
                if m["method"] == method:
                    return m

    def close(self):
        try:
            self.call("Browser.close")
        except RuntimeError:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


PAGE_FACTS = r"""
(() => {
  const size = e => { const r = e.getBoundingClientRect(); return [r.width, r.height]; };
  const kernels = {};
  for (const s of document.querySelectorAll('section.kernel')) {
    kernels[s.id] = {plots: [...s.querySelectorAll('svg.plot')].map(size),
                     tables: s.querySelectorAll('table').length};
  }
  const external = [...document.querySelectorAll('[src], [href]')]
    .map(e => e.getAttribute('src') ?? e.getAttribute('href'))
    .filter(v => v && !v.startsWith('#'));
  return JSON.stringify({
    plots: [...document.querySelectorAll('svg.plot')].map(size),
    kernels, external,
    scripts: document.scripts.length,
    resources: performance.getEntriesByType('resource').map(r => r.name),
    width: document.documentElement.scrollWidth,
    height: document.documentElement.scrollHeight,
    title: document.title,
  });
})()
"""


def check(page, kernels, screenshot):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        print("# chromium is not installed (scripts/setup installs it)")
        return 1
    url = "file://" + os.path.abspath(page)
    problems = []
    profile = tempfile.mkdtemp(prefix="ompscale-chromium-")
    browser = Browser(chromium, profile)
    try:
        target = browser.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = browser.call("Target.attachToTarget",
                               {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            browser.call(domain + ".enable", session=session)
        browser.call("Emulation.setDeviceMetricsOverride",
                     {"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": False},
                     session=session)
        browser.events.clear()  # from here on, only the report's own events
        browser.call("Page.navigate", {"url": url}, session=session)
        browser.wait_event("Page.loadEventFired")
        facts = json.loads(browser.call("Runtime.evaluate",
                                        {"expression": PAGE_FACTS, "returnByValue": True},
                                        session=session)["result"]["value"])
        if screenshot:
            shot = browser.call("Page.captureScreenshot",
                                {"format": "png", "captureBeyondViewport": True,
                                 "clip": {"x": 0, "y": 0, "width": 1280,
                                          "height": facts["height"], "scale": 1}},
                                session=session)
            with open(screenshot, "wb") as f:
                f.write(base64.b64decode(shot["data"]))
        events = list(browser.events)
    finally:
        browser.close()
        shutil.rmtree(profile, ignore_errors=True)

    for e in events:
        p = e.get("params", {})
        if e["method"] == "Network.requestWillBeSent" and p["request"]["url"] != url:
            problems.append("a network request: " + p["request"]["url"])
        elif e["method"] == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
            problems.append("a console error: %s" % [a.get("value") for a in p.get("args", [])])
        elif e["method"] == "Runtime.exceptionThrown":
            d = p["exceptionDetails"]
            problems.append("an exception: %s" % d.get("exception", {}).get("description", d.get("text")))
        elif e["method"] == "Log.entryAdded" and p["entry"]["level"] == "error":
            problems.append("a console error: %s" % p["entry"]["text"])
    requests = [e for e in events if e["method"] == "Network.requestWillBeSent"]
    if not requests:
        problems.append("the page's own load was not seen: the network check saw nothing")
    for name in facts["resources"]:
        problems.append("a resource fetched: " + name)
    if facts["scripts"]:
        problems.append("%d script element(s)" % facts["scripts"])
    for ref in facts["external"]:
        problems.append("a reference outside the page: " + ref)
    if not facts["plots"]:
        problems.append("no plot on the page")
    for i, (w, h) in enumerate(facts["plots"]):
        if w <= 0 or h <= 0:
            problems.append("plot %d renders %gx%g" % (i + 1, w, h))
    if facts["width"] > 1280:
        problems.append("the page is %d px wide at 1280: it scrolls sideways" % facts["width"])
    for k in filter(None, kernels.split(",")):
        sec = facts["kernels"].get("k-" + k)
        if not sec:
            problems.append("no section for kernel " + k)
        elif not sec["plots"] or not sec["tables"]:
            problems.append("kernel %s: %d plots, %d tables" % (k, len(sec["plots"]), sec["tables"]))
    print("# %s: %d plots (smallest %s px), %d kernel sections, %d requests, page %dx%d" % (
        facts["title"], len(facts["plots"]),
        "x".join("%g" % v for v in min(facts["plots"], default=[0, 0])),
        len(facts["kernels"]), len(requests), facts["width"], facts["height"]))
    for p in problems:
        print("# " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) not in (3, 4):
        sys.exit("usage: browser_check.py PAGE.html KERNELS [SCREENSHOT.png]")
    try:
        sys.exit(check(sys.argv[1], sys.argv[2], sys.argv[3] if len(sys.argv) == 4 else None))
    except RuntimeError as e:
        print("# " + str(e))
        sys.exit(1)
