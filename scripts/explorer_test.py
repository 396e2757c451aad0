#!/usr/bin/env python3
"""The explorer in a real browser: headless Chromium (Debian's chromium and chromium-driver)
driven by Selenium, against a live `lattice serve --port 0` on loopback, and against the
same Lattice from a second origin (the explorer's files served by a plain static server on
another port, talking to Lattice through CORS).

Expectations come from the API (counts from /v1/graph, the document's statements), except
the named facts the explorer must show (Japan, Ying-Yu Lin, kursk, Ishiba and Teodoro).

Screenshots of every view at desktop and phone width go to $EXPLORER_SCREENSHOTS
(default .build/explorer-screenshots/).

Usage: scripts/explorer_test.py [path/to/lattice]   (default .build/release/lattice)
"""
import base64
import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
import urllib.parse
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from checks import BINARY, ROOT, check, finish, get_json, wait_for

SHOTS = os.path.abspath(os.environ.get("EXPLORER_SCREENSHOTS", os.path.join(ROOT, ".build", "explorer-screenshots")))
DESKTOP = (1366, 900)
PHONE = (390, 844)
STATEMENT = "They would rather share intelligence with the U.S. than with each other"
# An extra record, in a copy of the seeds, whose name would break a careless layout.
LONG_ID = "explorer-test-long-name"
LONG_NAME = ("International Commission on Extraordinarily Long Organizational Names and "
             "Supercalifragilisticexpialidociouslyunbreakablewordsthatneverendanywhere")


def seeds_with_long_name():
    """The shipped seeds plus one organization with a very long name (evidence: a real quote)."""
    seeds = tempfile.mkdtemp(prefix="lattice-explorer-seeds-")
    shutil.rmtree(seeds)
    shutil.copytree(os.path.join(ROOT, "seeds"), seeds)
    # The same document and a quote some shipped actor already cites, so the file stays valid
    # whatever the curators change.
    actors = get_json_file(os.path.join(seeds, "actors.json"))
    quote = next(a["evidence"][0] for a in actors["actors"] if a.get("evidence"))
    with open(os.path.join(seeds, "explorer-test-extra.json"), "w") as f:
        json.dump({"document": actors["document"], "actors": [{
            "id": LONG_ID, "name": LONG_NAME, "kind": "organization", "region": "global",
            "summary": "Added by the explorer's browser test: " + LONG_NAME + ".", "evidence": [quote]}]}, f)
    return seeds


def get_json_file(path):
    with open(path) as f:
        return json.load(f)


def start_lattice(log_path, seeds, extra):
    log = open(log_path, "w")
    server = subprocess.Popen([BINARY, "serve", "--port", "0", "--seeds", seeds, "--explorer", "explorer",
                               "--log-format", "json", *extra], cwd=ROOT, stdout=log, stderr=log)
    port = None

    def listening():
        nonlocal port
        match = re.search(r'"address":"[^"]*:(\d+)"', open(log_path).read())
        port = int(match.group(1)) if match else None
        return port is not None or server.poll() is not None

    wait_for(listening)
    if port is None:
        raise SystemExit(f"lattice did not start; log: {log_path}\n{open(log_path).read()}")
    return server, port


def start_static_origin(folder):
    """A plain static file server (another origin) for a copy of the explorer's folder."""
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=folder)
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, httpd.server_address[1]


def browser():
    options = webdriver.ChromeOptions()
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--hide-scrollbars", "--no-first-run", "--disable-extensions", "--lang=en-US",
                     f"--window-size={DESKTOP[0]},{DESKTOP[1]}"]:
        options.add_argument(argument)
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium:
        options.binary_location = chromium
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver_path = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    return webdriver.Chrome(service=Service(executable_path=driver_path), options=options)


class Page:
    """The browser, with what every check needs: waiting, console errors, network events."""

    def __init__(self, driver):
        self.driver = driver
        self.network = []  # Network.* events since the last drain
        self.console = []

    def drain(self):
        for entry in self.driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            if message["method"].startswith("Network."):
                self.network.append(message)
        for entry in self.driver.get_log("browser"):
            self.console.append(entry)

    def take_network(self):
        self.drain()
        events, self.network = self.network, []
        return events

    def problems(self):
        """Console errors and failed requests since the last call."""
        self.drain()
        errors = [f"console {e['level']}: {e['message']}" for e in self.console if e["level"] in ("SEVERE", "ERROR")]
        self.console = []
        for event in self.take_network():
            params = event["params"]
            if event["method"] == "Network.loadingFailed" and not params.get("canceled"):
                errors.append(f"request failed: {params.get('errorText')} ({params.get('type')})")
            if event["method"] == "Network.responseReceived" and params["response"]["status"] >= 400:
                errors.append(f"HTTP {params['response']['status']}: {params['response']['url']}")
        return errors

    def wait(self, condition, timeout=20, message=""):
        try:
            return WebDriverWait(self.driver, timeout, poll_frequency=0.05).until(lambda d: condition())
        except TimeoutException:
            return None

    def find(self, css):
        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def one(self, css, timeout=20):
        return self.wait(lambda: (self.find(css) or [None])[0], timeout)

    def js(self, script, *args):
        return self.driver.execute_script(script, *args)

    def go(self, url):
        self.driver.get(url)
        self.ready()

    def route(self, fragment):
        """Changes the fragment (the explorer's own navigation) and waits for the view."""
        self.js("document.body.removeAttribute('data-ready'); location.hash = arguments[0];", fragment)
        self.ready()

    def ready(self):
        ok = self.wait(lambda: self.js("return document.body.dataset.ready === 'true' && !document.body.dataset.loading"), 30)
        if not ok:
            print("     (the page did not report ready)")
        return ok

    def panel_title(self):
        return self.js("const p = document.getElementById('panel'); return p.hidden ? null : p.querySelector('h2')?.textContent")

    def viewport(self, size, mobile):
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": size[0], "height": size[1], "deviceScaleFactor": 1, "mobile": mobile})

    def overflows(self):
        return self.js("return document.documentElement.scrollWidth > document.documentElement.clientWidth + 1")

    def shot(self, name, full_page=False):
        """A screenshot of what a person sees (the viewport), or of the whole page."""
        os.makedirs(SHOTS, exist_ok=True)
        options = {"format": "png"}
        if full_page:
            size = self.driver.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
            options.update(captureBeyondViewport=True,
                           clip={"x": 0, "y": 0, "width": size["width"], "height": min(size["height"], 4000), "scale": 1})
        data = self.driver.execute_cdp_cmd("Page.captureScreenshot", options)
        path = os.path.join(SHOTS, f"{name}.png")
        with open(path, "wb") as f:
            f.write(base64.b64decode(data["data"]))
        return path


def main():
    started = time.time()
    log_path = tempfile.mktemp(prefix="lattice-explorer-", suffix=".log")
    origin_folder = tempfile.mkdtemp(prefix="lattice-explorer-origin-")
    shutil.copytree(os.path.join(ROOT, "explorer"), os.path.join(origin_folder, "explorer"))
    static, static_port = start_static_origin(origin_folder)
    second_origin = f"http://127.0.0.1:{static_port}"
    # Only the explorer's own origin and the second one may read responses cross-origin.
    seeds = seeds_with_long_name()
    server, port = start_lattice(log_path, seeds, ["--cors-origins", second_origin])
    base = f"http://127.0.0.1:{port}"
    check(wait_for(lambda: urllib.request.urlopen(base + "/readyz", timeout=5).status == 200), "lattice is ready")
    graph = get_json(base + "/v1/graph")
    documents = get_json(base + "/v1/documents?limit=500")["data"]
    document = documents[0]["id"]
    statements = get_json(f"{base}/v1/statements?document={document}&limit=500")
    driver = browser()
    page = Page(driver)
    try:
        run(page, base, second_origin, graph, document, statements, log_path)
    finally:
        driver.quit()
        server.terminate()
        server.wait(timeout=10)
        static.shutdown()
        shutil.rmtree(origin_folder, ignore_errors=True)
        shutil.rmtree(seeds, ignore_errors=True)
    print(f"     browser test took {time.time() - started:.1f} s; screenshots in {SHOTS}")
    finish("explorer", log_path)


def run(page, base, second_origin, graph, document, statements, log_path):
    shutil.rmtree(SHOTS, ignore_errors=True)
    page.viewport(DESKTOP, mobile=False)

    # The network.
    page.go(base + "/")
    check(page.one("svg.graph .node") is not None, "/ in a browser shows the explorer's network")
    nodes, edges = len(page.find("svg.graph .node")), len(page.find("svg.graph .edge"))
    check(nodes == len(graph["nodes"]) and edges == len(graph["edges"]),
          f"the graph shows {nodes} nodes and {edges} edges; /v1/graph has {len(graph['nodes'])} and {len(graph['edges'])}")
    check(len(page.find(".legend li")) >= 7, "the network has a legend (kinds, valences, membership, direction)")
    check(len(page.find("svg.graph .edge[marker-end]")) == sum(1 for e in graph["edges"] if e["directed"]),
          "directed edges, and only those, have arrowheads")
    problems = page.problems()
    check(not problems, f"the page loads with no console errors and no failed requests {problems[:5]}")
    page.shot("network-desktop")

    japan = page.one('svg.graph .node[data-id="japan"]')
    japan.click()
    check(page.wait(lambda: page.panel_title() == "Japan", 10), "clicking the node for Japan shows its record")
    panel_text = page.js("return document.getElementById('panel').innerText")
    check("JPN" in panel_text and "Quad" in panel_text, "Japan's record has its codes and its alliances")
    check(page.js("return location.hash").endswith("sel=actor%3Ajapan"), "the selection is in the URL")
    page.shot("network-record-desktop")

    # Links in the record navigate: the focus link cuts an ego network through /v1/graph.
    focus_link = page.one('#panel .actions a[href*="focus=japan"]')
    focus_link.click()
    page.ready()
    ego = json.loads(urllib.request.urlopen(base + "/v1/graph?focus=japan&depth=1", timeout=10).read())
    check(page.wait(lambda: len(page.find("svg.graph .node")) == len(ego["nodes"]), 10),
          f"the record's focus link shows Japan's ego network ({len(ego['nodes'])} nodes, from /v1/graph?focus=japan)")
    page.one("#depth-select").send_keys("2")
    page.one(".focus-form button").click()
    page.ready()
    ego2 = get_json(base + "/v1/graph?focus=japan&depth=2")
    check(page.wait(lambda: len(page.find("svg.graph .node")) == len(ego2["nodes"]), 10),
          "the focus control's depth asks /v1/graph for depth 2")

    # Keyboard: a node takes focus and opens with Enter; Escape closes the record.
    page.route("#/network")
    china = page.one('svg.graph .node[data-id="china"]')
    page.js("arguments[0].focus()", china)
    china.send_keys(Keys.ENTER)
    check(page.wait(lambda: page.panel_title() == "China", 10), "a focused node opens its record with Enter")
    check(page.js("return document.activeElement?.id") == "panel-title", "focus moves to the record it opened")
    page.driver.switch_to.active_element.send_keys(Keys.ESCAPE)
    check(page.wait(lambda: page.panel_title() is None, 10), "Escape closes the record")

    # The article: every statement highlighted once, its mode shown.
    page.route(f"#/article/{document}")
    page.one(".article-text mark.statement")
    marked = page.js("""
        const spans = {};
        for (const m of document.querySelectorAll('.article-text mark.statement'))
            spans[m.dataset.statement] = (spans[m.dataset.statement] || '') + m.textContent;
        return spans;""")
    expected = {s["id"]: s["text"] for s in statements["data"]}
    check(len(marked) == statements["meta"]["total"] == len(expected),
          f"the article highlights {len(marked)} statement spans; the document has {statements['meta']['total']} statements")
    check(marked == expected, "each highlight covers exactly its statement's text")
    modes = page.js("return [...document.querySelectorAll('.article-text mark.statement')].map(m => m.dataset.mode + ':' + [...m.classList].join(' '))")
    check(all(f"mode-{mode.split(':')[0]}" in mode for mode in modes), "each highlight shows its mode")
    page.shot("article-desktop")
    mark = next((m for m in page.find(".article-text mark.statement") if m.text == STATEMENT), None)
    check(mark is not None, f"the article has a highlight for “{STATEMENT}”")
    if mark:
        page.js("arguments[0].scrollIntoView({block: 'center'})", mark)
        mark.click()
        page.wait(lambda: page.panel_title() is not None, 10)
        speaker = page.js("""const dt = [...document.querySelectorAll('#panel dt')].find(d => d.textContent === 'Speaker');
                             return dt ? dt.nextElementSibling.textContent : null""")
        check(speaker == "Ying-Yu Lin", f"clicking it shows Ying-Yu Lin as the speaker (got {speaker!r})")
        check(page.js("return !!document.querySelector('#panel dt') && ['Verb','Stance','About'].every(t => [...document.querySelectorAll('#panel dt')].some(d => d.textContent === t))"),
              "and the verb, stance and what it is about")
        page.shot("article-statement-desktop")

    # The selected record's evidence, outlined in the article.
    japan_record = get_json(base + "/v1/actors/japan")
    spans = [s for s in japan_record["evidence"] if s["document"]["id"] == document]
    page.route(f"#/article/{document}?sel=actor:japan")
    outlined = page.js("return [...document.querySelectorAll('.article-text .evidence')].map(e => e.textContent).join('')")
    check(bool(spans) and outlined == "".join(s["text"] for s in sorted(spans, key=lambda s: s["start"])),
          f"Japan's {len(spans)} evidence spans are outlined in the article, exactly")
    page.shot("article-evidence-desktop")

    # Search.
    page.route("#/network")
    box = page.one("#search-input")
    box.clear()
    box.send_keys("kursk", Keys.ENTER)
    page.ready()
    page.one(".result-list .result")
    relations = [r.get_attribute("data-id") for r in page.find('.result-list .result[data-type="relation"]')]
    about_troops = [r for r in relations
                    if "north-korea" in {get_json(f"{base}/v1/relations/{r}")[end]["id"] for end in ("from", "to")}
                    and "troop" in json.dumps(get_json(f"{base}/v1/relations/{r}")).lower()]
    check(bool(about_troops), f"searching “kursk” lists the relation about North Korean troops ({about_troops})")
    page.shot("search-desktop")
    if about_troops:
        page.one(f'.result[data-id="{about_troops[0]}"] a').click()
        check(page.wait(lambda: (page.panel_title() or "").startswith("North Korea"), 10),
              "a result opens its record")

    # Who stands where.
    page.route("#/positions")
    card = page.one('[data-alliance="asian-nato"]')
    check(card is not None, "the Asian NATO has a card of positions")
    check(bool(page.find('[data-alliance="asian-nato"] [data-actor="shigeru-ishiba"][data-stance="supports"]')),
          "Ishiba is listed as supporting the Asian NATO")
    check(bool(page.find('[data-alliance="asian-nato"] [data-actor="gilberto-teodoro"][data-stance="opposes"]')),
          "Teodoro is listed as opposing it")
    proposed = get_json(base + "/v1/alliances?status=proposed,hypothetical&limit=500")["data"]
    check(len(page.find(".alliance-card")) == len(proposed), f"every proposed or hypothetical alliance has a card ({len(proposed)})")
    # One source of truth: each card shows exactly /v1/analysis/positions, entry for entry
    # and quote for quote, in its order (Teodoro both opposes and is skeptical).
    for alliance in proposed:
        analysis = get_json(f"{base}/v1/analysis/positions?alliance={alliance['id']}")
        expected = [(group["stance"], entry["actor"]["id"], [e["statement"]["id"] for e in entry["evidence"]])
                    for group in analysis["groups"] for entry in group["actors"]]
        shown = page.js("""return [...document.querySelectorAll(`[data-alliance="${arguments[0]}"] .position`)].map(li =>
            [li.dataset.stance, li.dataset.actor, [...li.querySelectorAll('.why[data-statement]')].map(q => q.dataset.statement)])""",
                        alliance["id"])
        check(shown == [list(row[:2]) + [row[2]] for row in expected],
              f"{alliance['id']}: the explorer shows the {len(expected)} positions /v1/analysis/positions gives, "
              f"with their quotes ({len(shown)} shown)")
    asian_nato = get_json(base + "/v1/analysis/positions?alliance=asian-nato")
    count = sum(group["count"] for group in asian_nato["groups"])
    check(len(page.find('[data-alliance="asian-nato"] .position')) == count == 6,
          f"the Asian NATO's card lists {count} positions, as the API does")
    check(bool(page.find('[data-alliance="asian-nato"] [data-actor="gilberto-teodoro"][data-stance="skeptical"]')),
          "Teodoro's second statement (skeptical) is shown too")
    quotes = page.find('[data-alliance="asian-nato"] .position .why a[href*="sel=statement"]')
    check(len(quotes) >= 2, "positions link to their quote's place in the article")
    page.shot("positions-desktop")
    quotes[0].click()
    page.ready()
    check(page.wait(lambda: bool(page.find(".article-text mark.statement.selected")), 10),
          "the link opens the article at the quote")
    problems = page.problems()
    check(not problems, f"no console errors or failed requests in any view {problems[:5]}")

    # A reload costs only 304s: every file revalidates by ETag, data comes from the cache.
    # The server's access log is the witness (the browser reports some 304s as cached 200s).
    page.go(base + "/")
    time.sleep(0.3)
    before = os.path.getsize(log_path)
    page.driver.refresh()
    page.ready()
    time.sleep(0.5)
    with open(log_path) as log:
        log.seek(before)
        served = [json.loads(line) for line in log if '"lattice.access"' in line]
    answers = [(line["status"], line["path"]) for line in served]
    revalidated = {path for status, path in answers if status == 304}
    others = [f"{status} {path}" for status, path in answers if status != 304]
    check(bool(answers) and not others and {"/", "/explorer/app.js", "/explorer/style.css", "/explorer/vendor/d3.min.js"} <= revalidated,
          f"a reload costs only 304s: {len(answers)} requests, all 304 {others[:5]}")

    # Phone width: every view, no sideways scrolling.
    page.viewport(PHONE, mobile=True)
    for name, fragment in [("network", "#/network"), ("network-record", "#/network?sel=alliance:asian-nato"),
                           ("article", f"#/article/{document}?sel=statement:lin-rather-share-intelligence"),
                           ("positions", "#/positions"), ("search", "#/search?q=kursk")]:
        page.go(base + "/" + fragment)
        time.sleep(0.2)
        check(not page.overflows(), f"{name} fits a phone's width ({PHONE[0]} px) without sideways scrolling")
        # The whole page, unless a record is open: then what the phone shows (the record's sheet).
        page.shot(f"{name}-phone", full_page=page.panel_title() is None)
    # A very long name: truncated on its node, wrapped in its record, never wider than the screen.
    page.go(base + f"/#/network?sel=actor:{LONG_ID}")
    check(page.wait(lambda: page.panel_title() == LONG_NAME, 10), "a record with a very long name opens")
    label = page.js(f"return document.querySelector('.node[data-id=\"{LONG_ID}\"] .label').textContent")
    check(len(label) < 30 and label.endswith("…"), f"its node's label is shortened ({label!r})")
    check(not page.overflows() and page.js("const p = document.getElementById('panel'); return p.scrollWidth <= p.clientWidth"),
          "its record wraps within a phone's width")
    page.shot("long-name-phone")
    page.viewport(DESKTOP, mobile=False)
    page.go(base + f"/#/search?q=supercalifragilistic&sel=actor:{LONG_ID}")
    check(not page.overflows() and page.js("return [...document.querySelectorAll('.result, #panel')].every(e => e.scrollWidth <= e.clientWidth)"),
          "search results and the record keep a very long name inside their boxes at desktop width")
    problems = page.problems()
    check(not problems, f"no console errors or failed requests at phone width {problems[:5]}")

    # From a second origin, through CORS.
    page.go(f"{second_origin}/explorer/index.html?api={urllib.parse.quote(base, safe='')}")
    check(page.one("svg.graph .node") is not None and len(page.find("svg.graph .node")) == len(graph["nodes"]),
          f"served from {second_origin}, the explorer draws the graph from {base}")
    page.drain()
    cross = [e["params"]["response"] for e in page.network if e["method"] == "Network.responseReceived"]
    check(any(r["url"].startswith(base + "/v1/graph") and r["status"] == 200 for r in cross),
          "its data requests went to the Lattice on the other origin")
    page.route("#/search?q=kursk")
    check(page.one(".result-list .result") is not None, "search works across origins")
    page.route("#/network?sel=actor:japan")
    check(page.wait(lambda: page.panel_title() == "Japan", 10), "records load across origins")
    page.shot("second-origin-desktop")
    problems = page.problems()
    check(not problems, f"no console errors or failed requests across origins {problems[:5]}")


if __name__ == "__main__":
    main()
