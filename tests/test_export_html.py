"""The HTML reader page: anchors named by citation, a table of contents, links, no external resources.

The browser tests load the page in headless Chromium (Debian package
chromium) and are skipped where /usr/bin/chromium is absent.  With
REGPARSE_REGEN=1 the screenshot test also rewrites docs/screenshot-004.png,
the picture in the README (it needs a CJK font, e.g. Debian's fonts-noto-cjk).
"""
from __future__ import annotations

import json
import os
import re
import struct
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from regparse import Regulation
from regparse.export import to_html

ROOT = Path(__file__).resolve().parents[1]
SEED_004 = ROOT / "seeds" / "004_931bd066818f0e97.txt"
SAMPLE = ROOT / "tests" / "data" / "export" / "sample.json"
SCREENSHOT = ROOT / "docs" / "screenshot-004.png"
CHROMIUM = Path("/usr/bin/chromium")
needs_chromium = pytest.mark.skipif(not CHROMIUM.exists(), reason="headless Chromium (/usr/bin/chromium) is absent")


@pytest.fixture(scope="module")
def sample() -> Regulation:
    return Regulation.model_validate_json(SAMPLE.read_text(encoding="utf-8"))


class Page(HTMLParser):
    """The ids, links, tags and classes of a page, in order."""

    def __init__(self, html: str):
        super().__init__()
        self.ids: list[str] = []
        self.links: list[str] = []
        self.order: list[str] = []
        self.resources: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.order.append(tag + ("." + attrs["class"] if attrs.get("class") else ""))
        if attrs.get("id"):
            self.ids.append(attrs["id"])
        if tag == "a":
            self.links.append(attrs.get("href", ""))
        if tag in ("link", "script", "img", "iframe", "object", "embed") or "src" in attrs:
            self.resources.append(tag)


def test_every_node_has_its_citation_as_anchor(seed_004):
    page = Page(to_html(seed_004))
    assert len(page.ids) == len(set(page.ids))
    for node in seed_004.walk():
        if node is not seed_004:
            assert node.citation in page.ids
    assert "第十一条" in page.ids and "第十一条第一款第（三）项" in page.ids


def test_table_of_contents_lists_the_divisions_and_links_to_them(seed_004):
    html = to_html(seed_004)
    toc = re.search(r'<nav class="toc">.*?</nav>', html, re.S).group(0)
    entries = re.findall(r'<a href="#([^"]+)">([^<]+)</a>', toc)
    assert [target for target, _ in entries] == [d.citation for d in seed_004.divisions]
    assert ("第三章", "第三章 职责") in entries
    assert all(target in Page(html).ids for target, _ in entries)


def test_diagnostics_come_first(seed_004):
    page = Page(to_html(seed_004))
    assert seed_004.diagnostics
    first = {name: page.order.index(name) for name in ("section.diagnostics", "nav.toc", "main")}
    assert first["section.diagnostics"] < first["nav.toc"] < first["main"]
    html = to_html(seed_004)
    assert all(d.code in html for d in seed_004.diagnostics)


def test_the_page_is_self_contained(seed_004, sample):
    for doc in (seed_004, sample):
        html = to_html(doc)
        page = Page(html)
        assert page.resources == []
        assert all(link.startswith("#") for link in page.links)
        assert not re.search(r"url\(|@import|https?://", html)


def test_references_are_links_to_their_targets(sample):
    html = to_html(sample)
    refs = re.findall(r'<a class="ref" href="#([^"]+)"[^>]*>([^<]+)</a>', html)
    assert refs == [("第十条第一款", "前款"), ("第十条", "第十条"), ("第十一条第一款第（三）项", "第十一条第一款第（三）项")]
    assert "“A&amp;B &lt;机关&gt;”" in html


def _chromium(tmp_path: Path, *args: str, url: str) -> subprocess.CompletedProcess:
    profile = tmp_path / f"profile-{len(list(tmp_path.iterdir()))}"
    command = [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               f"--user-data-dir={profile}", *args, url]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


# Run inside the page after load: what the browser built and where links lead.
CHECK = """
<script>
window.addEventListener('load', () => {
  const out = {};
  out.articles = [...document.querySelectorAll('article')].map(a => a.id);
  out.labels = [...document.querySelectorAll('article .num')].map(s => s.textContent);
  const links = [...document.querySelectorAll('a[href^="#"]')];
  out.links = links.length;
  out.broken = links.filter(a => !document.getElementById(decodeURIComponent(a.hash.slice(1))))
                    .map(a => a.getAttribute('href'));
  const follow = (a) => { a.click(); const t = document.querySelector(':target');
                          return [a.getAttribute('href'), t ? t.id : null, window.scrollY]; };
  out.toc = follow([...document.querySelectorAll('nav.toc a')].pop());
  const ref = document.querySelector('a.ref');
  out.ref = ref ? follow(ref) : null;
  out.resources = performance.getEntriesByType('resource').map(r => r.name);
  const pre = document.createElement('pre');
  pre.id = 'regparse-check';
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
});
</script>
"""


def _browser_check(tmp_path: Path, html: str, name: str) -> dict:
    page = tmp_path / f"{name}.html"
    page.write_text(html.replace("</body>", CHECK + "</body>"), encoding="utf-8")
    result = _chromium(tmp_path, "--virtual-time-budget=5000", "--window-size=1000,800", "--dump-dom",
                       url=page.as_uri())
    assert result.returncode == 0, result.stderr[-2000:]
    found = re.search(r'<pre id="regparse-check">(.*?)</pre>', result.stdout, re.S)
    assert found, "the check script did not run: " + result.stdout[:500]
    text = found.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")
    return json.loads(text)


@needs_chromium
def test_chromium_builds_the_anchors_and_follows_the_links(tmp_path, seed_004, sample):
    seen = _browser_check(tmp_path, to_html(seed_004), "party-organs")
    assert seen["articles"] == [a.citation for a in seed_004.articles]
    assert seen["labels"] == [a.label for a in seed_004.articles]
    assert seen["links"] > len(seed_004.articles) and seen["broken"] == []
    href, target, scrolled = seen["toc"]
    assert href == "#" + target and target == seed_004.divisions[-1].citation and scrolled > 0
    assert seen["resources"] == []

    seen = _browser_check(tmp_path, to_html(sample), "sample")
    assert seen["broken"] == []
    href, target, _ = seen["ref"]
    assert (href, target) == ("#第十条第一款", "第十条第一款")


@needs_chromium
def test_screenshot_of_the_party_organ_regulation(tmp_path, seed_004):
    page = tmp_path / "004.html"
    page.write_text(to_html(seed_004), encoding="utf-8")
    shot = SCREENSHOT if os.environ.get("REGPARSE_REGEN") == "1" else tmp_path / "004.png"
    shot.parent.mkdir(parents=True, exist_ok=True)
    result = _chromium(tmp_path, "--hide-scrollbars", "--window-size=1000,1400", f"--screenshot={shot}",
                       url=page.as_uri())
    assert result.returncode == 0, result.stderr[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == (1000, 1400)
