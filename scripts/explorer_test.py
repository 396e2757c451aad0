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

from checks import BINARY, ROOT, check, finish, get_json
from lattice_harness import Lattice

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
    # Port 0: Lattice picks one, read from its (JSON) startup line; the access log is the
    # reload check's witness.
    server = Lattice(BINARY, {"port": 0, "seeds": seeds, "explorer": "explorer", "log_format": "json",
                              "cors_origins": [second_origin]}, name="lattice-explorer", log=log_path).start()
    ready = server.wait_ready(timeout=20) is not None
    check(ready, "lattice is ready")
    if not ready:
        server.stop()
        finish("explorer", log_path)
    base = server.base
    graph = get_json(base + "/v1/graph")
    # The founding article: the one that holds Ying-Yu Lin's quote (there are several documents).
    document = get_json(base + "/v1/statements/lin-rather-share-intelligence")["source"]["document"]["id"]
    statements = get_json(f"{base}/v1/statements?document={document}&limit=500")
    driver = browser()
    page = Page(driver)
    try:
        run(page, base, second_origin, graph, document, statements, log_path)
    finally:
        driver.quit()
        server.stop(timeout=10)
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

    openapi = get_json(base + "/openapi.json")
    check_vocabularies(page, base, openapi)
    check_timeline(page, base)
    check_dates(page, base, graph)
    check_statements(page, base)
    problems = page.problems()
    check(not problems, f"no console errors or failed requests in the timeline, dated and statement views {problems[:5]}")

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
                           ("positions", "#/positions"), ("search", "#/search?q=kursk"),
                           ("timeline", "#/timeline"), ("timeline-actor", "#/timeline?actor=japan"),
                           ("timeline-record", "#/timeline?alliance=us-japan-alliance&sel=alliance:us-japan-alliance"),
                           ("network-as-of", "#/network?as_of=2023"), ("positions-as-of", "#/positions?as_of=2025"),
                           ("statement", "#/positions?sel=statement:emanuel-economic-nato")]:
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


PLURAL = {"actors": "actor", "alliances": "alliance", "relations": "relation", "statements": "statement",
          "documents": "document"}


def ref_key(ref):
    """'type:id' of a reference, from its href (/v1/alliances/quad -> alliance:quad)."""
    return f"{PLURAL[ref['href'].split('/')[2]]}:{ref['id']}"


def enum(openapi, path):
    """The values of an enum in the OpenAPI document's schemas, e.g. enum(doc, 'Relation.valence')."""
    node = openapi["components"]["schemas"]
    for key in path.split("."):
        node = node.get("properties", {}).get(key) or node[key]
    return [value for value in node["enum"] if value is not None]


def day_start(date):
    """The first day a partial date covers, for ordering checks."""
    return (date + "-01-01")[:10] if len(date) == 4 else (date + "-01")[:10]


def shown_events(page):
    return page.js("""return [...document.querySelectorAll('.timeline .event')].map(li =>
        [li.dataset.date, li.dataset.event, li.dataset.record])""")


def api_events(page_of_timeline):
    return [[e["date"], e["event"], ref_key(e["record"])] for e in page_of_timeline["data"]]


def requested(page, fragment):
    """URLs the browser requested since the last drain that contain `fragment`."""
    return [e["params"]["request"]["url"] for e in page.take_network()
            if e["method"] == "Network.requestWillBeSent" and fragment in e["params"]["request"]["url"]]


def check_vocabularies(page, base, openapi):
    """Kinds, valences, modes and event kinds come from the OpenAPI document, fetched once."""
    # A fresh page view (not just a new fragment), so every request it makes is counted.
    page.go(base + "/#/network")
    page.take_network()
    page.driver.refresh()
    page.ready()
    page.one("svg.graph .node")
    kinds = enum(openapi, "Actor.kind") + ["alliance"]
    valences = enum(openapi, "Relation.valence")
    legend_kinds = page.js("return [...document.querySelectorAll('.legend-kinds li')].map(li => li.textContent.trim())")
    legend_valences = page.js("return [...document.querySelectorAll('.legend-valences li')].map(li => li.textContent.trim())")
    check(legend_kinds == [k.replace("_", " ") for k in kinds],
          f"the legend's kinds are the OpenAPI document's Actor.kind enum and alliance ({legend_kinds})")
    check(legend_valences[:len(valences)] == valences, f"the legend's valences are Relation.valence's enum ({legend_valences})")
    page.route("#/timeline")
    options = page.js("return [...document.querySelectorAll('#timeline-event option')].map(o => o.value).filter(Boolean)")
    check(options == enum(openapi, "TimelineEvent.event"), f"the timeline's event kinds are TimelineEvent.event's enum ({len(options)})")
    page.route("#/article")
    modes = page.js("return [...document.querySelectorAll('.legend.modes mark.sample')].map(m => [...m.classList].find(c => c.startsWith('mode-')).slice(5))")
    check(modes == enum(openapi, "Statement.mode"), f"the article's legend of modes is Statement.mode's enum ({modes})")
    fetched = requested(page, "/openapi.json")
    check(len(fetched) == 1, f"the OpenAPI document is fetched once for all the views ({len(fetched)} requests)")
    # No module keeps a copy: none quotes every value of one of these enums.
    sources = {name: open(os.path.join(ROOT, "explorer", name)).read()
               for name in os.listdir(os.path.join(ROOT, "explorer")) if name.endswith(".js")}
    for path in ["Actor.kind", "Relation.valence", "Statement.stance.value", "Statement.mode", "TimelineEvent.event",
                 "Relation.kind", "Alliance.kind"]:
        values = enum(openapi, path)
        copies = [name for name, text in sources.items() if all(f"'{v}'" in text or f'"{v}"' in text for v in values)]
        check(not copies, f"no explorer module keeps a copy of {path}'s {len(values)} values {copies}")


def check_timeline(page, base):
    """The timeline lists the API's events in its order, pages by links.next, and links out."""
    check(bool(page.find('.tabs a[data-view="timeline"][href="#/timeline"]')), "the main navigation links to the timeline")
    page.take_network()
    page.route("#/timeline")
    first = get_json(base + "/v1/timeline?limit=50")
    total = first["meta"]["total"]
    shown = shown_events(page)
    check(shown == api_events(first) and len(shown) == min(50, total),
          f"#/timeline lists the first {len(shown)} of {total} events as /v1/timeline gives them, in its order")
    starts = [day_start(date) for date, _, _ in shown]
    check(starts == sorted(starts), f"oldest first ({shown[0][0]} … {shown[-1][0]})")
    check(page.js("return [...document.querySelectorAll('.timeline .event time')].every(t => t.getAttribute('datetime') === t.closest('.event').dataset.date)"),
          "each event shows its date")
    page.shot("timeline-desktop", full_page=True)
    more = page.one(".paging button.more")
    check(more is not None, "a long timeline has a button for the next page")
    if more:
        more.click()
        page.wait(lambda: len(shown_events(page)) > len(shown), 10)
        second = get_json(base + first["links"]["next"])
        both = shown_events(page)
        check(both == api_events(first) + api_events(second),
              f"'Show more' appends the next page ({len(both)} events shown)")
    urls = requested(page, "/v1/timeline")
    check(any("offset=50" in url for url in urls) and not any("limit=500" in url for url in urls),
          f"the timeline follows links.next a page at a time, never fetching everything ({len(urls)} requests)")

    # Links: the record (in the panel) and the sentence (the span outlined in the document).
    alliance = next(e for e in first["data"] if ref_key(e["record"]).startswith("alliance:"))
    page.find(f'.event[data-record="{ref_key(alliance["record"])}"] a.record-link')[0].click()
    check(page.wait(lambda: page.panel_title() == alliance["record"]["name"], 10) and page.js("return location.hash").startswith("#/timeline"),
          f"an event's record link opens its record ({alliance['record']['name']}) beside the timeline")
    statement = next(e for e in first["data"] if e["event"] == "statement")
    speaker = get_json(base + statement["record"]["href"])["speaker"]["name"]
    page.find(f'.event[data-record="{ref_key(statement["record"])}"] a.record-link')[0].click()
    check(page.wait(lambda: page.panel_title() == speaker, 10), f"a statement's event opens the statement ({speaker})")
    link = page.find(f'.event[data-record="{ref_key(alliance["record"])}"] a.sentence-link')[0]
    start, end = map(int, re.search(r"span=(\d+)-(\d+)", urllib.parse.unquote(link.get_attribute("href"))).groups())
    span = next(s for s in alliance["evidence"] if s["start"] == start and s["end"] == end)
    link.click()
    page.ready()
    outlined = page.js("return [...document.querySelectorAll('.article-text .evidence.target')].map(e => e.textContent).join('')")
    check(page.js("return location.hash").startswith(f"#/article/{span['document']['id']}") and outlined == span["text"],
          f"its sentence link opens the document with that sentence outlined (“{outlined[:50]}”)")
    page.shot("timeline-sentence-desktop")
    page.route("#/timeline")
    page.find(f'.event[data-record="{ref_key(statement["record"])}"] a.sentence-link')[0].click()
    page.ready()
    check(page.wait(lambda: page.js("return document.querySelector('.article-text mark.statement.selected')?.dataset.statement")
                    == statement["record"]["id"], 10), "a statement's sentence link opens the document at the statement")

    # One actor's and one alliance's timeline, from their records.
    for kind, record_id in [("actor", "japan"), ("alliance", "us-japan-alliance")]:
        page.route(f"#/network?sel={kind}:{record_id}")
        link = page.one("#panel a.timeline-link")
        check(link is not None, f"the {kind} {record_id}'s record links to its timeline")
        if not link:
            continue
        link.click()
        page.ready()
        expected = get_json(f"{base}/v1/timeline?{kind}={record_id}&limit=50")
        check(page.js("return location.hash").startswith(f"#/timeline?{kind}={record_id}") and shown_events(page) == api_events(expected),
              f"#/timeline?{kind}={record_id} lists its {len(api_events(expected))} events as /v1/timeline?{kind}= gives them")
        page.shot(f"timeline-{kind}-desktop")


def graph_counts(page):
    return len(page.find("svg.graph .node")), len(page.find("svg.graph .edge"))


def check_dates(page, base, today):
    """The date control re-queries the network and the positions with as_of, kept in the URL."""
    past = get_json(base + "/v1/graph?as_of=2023")
    check(len(past["edges"]) != len(today["edges"]),
          f"(the seeds) /v1/graph has {len(past['edges'])} edges as of 2023 and {len(today['edges'])} with no date")
    page.route("#/network")
    field = page.one("#as-of-input")
    field.clear()
    field.send_keys("2023", Keys.ENTER)
    page.ready()
    want = (len(past["nodes"]), len(past["edges"]))
    check(page.wait(lambda: graph_counts(page) == want, 10), f"as of 2023 the network shows {want[0]} nodes and {want[1]} edges, as /v1/graph?as_of=2023")
    check("as_of=2023" in page.js("return location.hash"), "the date is in the URL")
    note = page.one('.as-of-note[data-as-of="2023"]')
    check(note is not None and "2023" in note.text, f"the view says which date it shows ({note.text if note else None!r})")
    page.shot("network-as-of-desktop")
    page.driver.refresh()
    page.ready()
    check(page.wait(lambda: graph_counts(page) == want, 10) and page.one("#as-of-input").get_attribute("value") == "2023",
          "a reload reopens the same date (edges and the date control)")
    page.one(".date-form .year-on").click()
    page.ready()
    later = get_json(base + "/v1/graph?as_of=2024")
    check(page.wait(lambda: graph_counts(page) == (len(later["nodes"]), len(later["edges"])), 10) and "as_of=2024" in page.js("return location.hash"),
          f"'year ›' moves to 2024 ({len(later['edges'])} edges)")
    page.one(".date-form .as-of-clear").click()
    page.ready()
    check(page.wait(lambda: graph_counts(page) == (len(today["nodes"]), len(today["edges"])), 10)
          and "as_of" not in page.js("return location.hash") and page.one('.as-of-note[data-as-of=""]') is not None,
          "clearing the date returns to the undated network (no as_of in the URL, and the view says no date is chosen)")
    page.one(".date-form .as-of-today").click()
    page.ready()
    date = urllib.parse.parse_qs(page.js("return location.hash").split("?", 1)[1]).get("as_of", [""])[0]
    now = get_json(base + "/v1/graph?as_of=" + date) if date else None
    check(bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", date)) and page.wait(lambda: graph_counts(page) == (len(now["nodes"]), len(now["edges"])), 10),
          f"'Today' asks for today's date ({date}: {len(now['edges']) if now else '?'} edges)")
    page.route("#/network?as_of=2025-13")
    problem = page.one(".as-of-problem")
    check(problem is not None and "2025-13" in problem.text and not page.find("svg.graph"),
          "an impossible date in the URL is named on screen and never sent")
    # A record opened from a dated view answers as of that date.
    japan_2020 = get_json(base + "/v1/actors/japan?as_of=2020")
    page.route("#/network?as_of=2020&sel=actor:japan")
    page.wait(lambda: page.panel_title() == "Japan", 10)
    listed = page.js("""const dt = [...document.querySelectorAll('#panel dt')].find(d => d.textContent.startsWith('Alliances'));
                        return dt ? dt.nextElementSibling.querySelectorAll('li').length : 0""")
    check(page.one('#panel .as-of-note[data-as-of="2020"]') is not None and listed == len(japan_2020["alliances"]),
          f"Japan's record opened as of 2020 lists its {len(japan_2020['alliances'])} alliance(s) then")

    # Who stands where, dated.
    for date in ["2025", "2023"]:
        page.route(f"#/positions?as_of={date}")
        alliances = get_json(f"{base}/v1/alliances?status=proposed,hypothetical&as_of={date}&limit=500")["data"]
        cards = page.find(".alliance-card")
        same = len(cards) == len(alliances)
        for alliance in alliances:
            analysis = get_json(f"{base}/v1/analysis/positions?alliance={alliance['id']}&as_of={date}")
            expected = [[group["stance"], entry["actor"]["id"]] for group in analysis["groups"] for entry in group["actors"]]
            shown = page.js("""return [...document.querySelectorAll(`[data-alliance="${arguments[0]}"] .position`)].map(li =>
                [li.dataset.stance, li.dataset.actor])""", alliance["id"])
            same = same and shown == expected
        check(same and page.one(f'.as-of-note[data-as-of="{date}"]') is not None,
              f"who stands where as of {date}: the {len(alliances)} alliance card(s) and positions of /v1/analysis/positions?as_of={date}")
        if date == "2025":
            page.shot("positions-as-of-desktop")
    page.driver.refresh()
    page.ready()
    check(page.one("#as-of-input").get_attribute("value") == "2023" and len(page.find(".alliance-card")) == 0
          and "2023" in page.one(".lead").text,
          "who stands where keeps its date through a reload (and says no proposal is described as of 2023)")


def check_statements(page, base):
    """Only direct and partial quotes are in quotation marks; every statement shows its date and document."""
    statements = get_json(base + "/v1/statements?limit=500")["data"]
    by_id = {s["id"]: s for s in statements}
    paraphrase = by_id.get("emanuel-economic-nato") or next(s for s in statements if s["mode"] == "paraphrase")
    direct = next(s for s in statements if s["mode"] == "direct")
    for statement in [paraphrase, direct]:
        page.route(f"#/network?sel=statement:{statement['id']}")
        page.wait(lambda: page.panel_title() == statement["speaker"]["name"], 10)
        words = page.js("return document.querySelector('#panel .quote')?.textContent")
        if statement["mode"] == "paraphrase":
            check(words == "Paraphrase: " + statement["text"] and f"“{statement['text']}”" not in page.js("return document.getElementById('panel').innerText"),
                  f"a paraphrase's record shows its words without quotation marks ({words!r})")
        else:
            check(words == f"“{statement['text']}”", f"a direct quote's record shows it in quotation marks ({words[:40] if words else words!r}…)")
        said = page.one("#panel .said-on")
        document_link = page.one(f'#panel dd a[href^="#/article/{statement["source"]["document"]["id"]}"]')
        check(said is not None and said.get_attribute("data-said-on") == (statement["said_on"] or "")
              and said.get_attribute("data-basis") == (statement["said_on_basis"] or "")
              and (statement["said_on_basis"] != "publication" or "document" in said.text) and document_link is not None,
              f"the statement shows its date ({said.text if said else None!r}, basis {statement['said_on_basis']}) and its document")
        if statement is paraphrase:
            page.shot("statement-paraphrase-desktop")

    def unquoted_everywhere(where):
        rows = page.js("""return [...document.querySelectorAll('[data-statement][data-mode]')].map(e =>
            [e.dataset.statement, e.dataset.mode, (e.querySelector('.quote, .words') || e).textContent])""")
        wrong = [(sid, text) for sid, mode, text in rows if mode == "paraphrase" and ("“" + by_id[sid]["text"] + "”") in text]
        quoted = [(sid, text) for sid, mode, text in rows if mode in ("direct", "partial") and not text.startswith("“")]
        check(rows and not wrong and not quoted,
              f"{where}: {len(rows)} statements, no paraphrase in quotation marks {wrong[:2]}, every quote in them {quoted[:2]}")
    page.route("#/positions")
    unquoted_everywhere("who stands where")
    dated = page.js("""return [...document.querySelectorAll('.why[data-statement]')].map(e =>
        [e.dataset.statement, e.querySelector('.said-on')?.dataset.saidOn, e.querySelector('.said-where a[data-document]')?.dataset.document])""")
    check(dated and all(said == (by_id[sid]["said_on"] or "") and doc == by_id[sid]["source"]["document"]["id"] for sid, said, doc in dated),
          f"who stands where: each of its {len(dated)} quotes shows its statement's said_on and its document")
    page.route(f"#/network?sel=actor:{paraphrase['speaker']['id']}")
    page.one("#panel .statements li")
    unquoted_everywhere(f"{paraphrase['speaker']['name']}'s record")
    check(page.js("return [...document.querySelectorAll('#panel .statements li')].every(li => li.querySelector('.said-on') && li.querySelector('.said-where a'))"),
          "statements listed in a record show their date and document")


if __name__ == "__main__":
    main()
