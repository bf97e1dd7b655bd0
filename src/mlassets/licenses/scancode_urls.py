"""The ScanCode LicenseDB's URLs of license texts as an index, derived from the reference data and
stored beside it (see `licenses.derived`): every URL of a license (homepage, text, OSI and other
URLs), keyed without scheme, `www.`, revision, file extension or trailing slash -> the
expression. A page two licenses claim goes to the one its path spells, or to the one on the
SPDX list; otherwise it is dropped.
"""

from __future__ import annotations

import functools
import re
from urllib.parse import unquote, urlsplit

from mlassets.licenses.reference import concluded, scancode_licenses, usable

_REVISION = re.compile(r"/(?:blob|raw|resolve|tree)/[^/]+/")
_LOCALE = re.compile(r"^/[a-z]{2}(?:-[a-z]{2})?/")  # mozilla.org/en-US/MPL/2.0/
_EXTENSION = re.compile(r"\.(?:html?|php|txt|md|pdf)$")
_SCRIPT = re.compile(r"\.(?:php|aspx?|cgi|jsp|pl)$")


def url_key(url: str, with_query: bool = True) -> str:
    """A URL without what does not change which text it points at (and without any query, if
    not `with_query`)."""
    parts = urlsplit(url if "://" in url else "https://" + url)
    host = (parts.hostname or "").lower().removeprefix("www.")
    path = unquote(parts.path).lower()
    if host == "raw.githubusercontent.com":
        segments = path.strip("/").split("/")
        host, path = "github.com", "/" + "/".join([*segments[:2], "blob", *segments[2:]])
    # a script's query says which page it serves (scripts.sil.org's page.php?item_id=OFL_web is
    # OFL 1.1, item_id=OFL10_web 1.0); elsewhere a query is tracking or a format
    query = "?" + parts.query.lower() if with_query and parts.query and _SCRIPT.search(path) else ""
    path = _LOCALE.sub("/", _REVISION.sub("/~/", path)).rstrip("/")
    path = _EXTENSION.sub("", path.removesuffix("/index.html"))
    return host + path + query


@functools.cache
def url_index() -> dict[str, str]:
    from mlassets.licenses.derived import stored_indexes

    stored = stored_indexes()
    return build_url_index() if stored is None else dict(stored["urls"])


def build_url_index() -> dict[str, str]:
    """The URL index, derived from the reference data (see `licenses.derived`)."""
    claims: dict[str, dict[str, str]] = {}  # URL key -> ScanCode key -> expression
    for entry in scancode_licenses():
        if not usable(entry):
            continue
        for url in entry.urls:  # a script's page with its query, and without it
            for key in {url_key(url), url_key(url, with_query=False)}:
                claims.setdefault(key, {})[entry.key] = concluded(entry)
    table: dict[str, str] = {}
    for key, claimants in claims.items():
        if "/" not in key or lists_licenses(key) and "/~/" not in key:
            # a site's front page, or its page of licenses (licenses.ai/ai-licenses,
            # dcat-ap.de/def/licenses), names no single license even when one entry lists it
            continue
        expressions = set(claimants.values())
        if len(expressions) > 1:
            # Variants list their base's page among their URLs (MPL-2.0-no-copyleft-exception
            # lists mozilla.org/MPL/2.0): the page is the one whose key its path spells (not its
            # host: unicode.org/copyright is no more ScanCode's "unicode" than Unicode-TOU).
            named = _spelled(key.partition("/")[2], claimants)
            if not named:  # docs.python.org/license: the host spells Python-2.0, a listed id
                named = {e for e in _spelled(key, claimants) if not e.startswith("LicenseRef-")}
            expressions = named or _base_of_variants(_listed(expressions)) or _listed(expressions)
        if len(expressions) == 1:
            table[key] = expressions.pop()
    return table


def _spelled(text: str, claimants: dict[str, str]) -> set[str]:
    """The claimants' expressions whose ScanCode key `text` spells."""
    spelled = re.sub(r"[^a-z0-9.]+", "-", text)
    return {
        e
        for k, e in claimants.items()
        if re.search(rf"(?<![a-z0-9]){re.escape(k)}(?![a-z0-9])", spelled)
    }


def lists_licenses(path: str) -> bool:
    """A page of licenses ("/licenses", "/ai-licenses.html", GNU's "/license-list.html"),
    which names no single one."""
    return bool(_LIST_PAGE.search(path.lower().rstrip("/")))


_LIST_PAGE = re.compile(r"(?:licen[cs]es|license-list)(?:\.[a-z]{2})?(?:\.[a-z]+)?$")  # .en.html


def _base_of_variants(expressions: set[str]) -> set[str]:
    """The one SPDX license the others are variants of, by their ids (OFL-1.1 of OFL-1.1-RFN and
    OFL-1.1-no-RFN, which all list SIL's OFL 1.1 page): the page is the base's."""
    bases = {b for b in expressions if all(e == b or e.startswith(b + "-") for e in expressions)}
    return bases if len(bases) == 1 else set()


def _listed(expressions: set[str]) -> set[str]:
    """Of the licenses that claim one page, those on the SPDX list: the page is among SPDX's
    `seeAlso` for its id, and ScanCode lists it again for its translations and variants
    (govdata.de/dl-de/by-2-0 for DL-DE-BY-2.0 and ScanCode's English text of it)."""
    return {e for e in expressions if not e.startswith("LicenseRef-")}


def lookup_url(url: str) -> str | None:
    index = url_index()
    key, plain = url_key(url), url_key(url, with_query=False)
    return index.get(key) or index.get(plain) or _on_a_sibling_host(plain)


@functools.cache
def site_index() -> dict[str, str]:
    """The URL index keyed by site (the registrable domain) and path, for the pages only one
    license claims on that site (see `licenses.derived`)."""
    from mlassets.licenses.derived import stored_indexes

    stored = stored_indexes()
    return build_site_index(url_index()) if stored is None else dict(stored["url_sites"])


def build_site_index(urls: dict[str, str]) -> dict[str, str]:
    """`<site><path>` -> expression, where `<site>` is the host's registrable domain by the
    Public Suffix List (`falconllm-staging.tii.ae` is on `tii.ae`; `a.github.io` is its own
    site). Derived with the data, so that a lookup needs no suffix list: it tries each of the
    host's suffixes, and only a registrable domain can match."""
    from publicsuffixlist import PublicSuffixList  # the refresh script's, not the hook's

    suffixes = PublicSuffixList()
    claims: dict[str, set[str]] = {}
    for key, expression in urls.items():
        host, _, path = key.partition("/")
        site = suffixes.privatesuffix(host)
        if site and "/~/" not in key:  # a repository's file is its repository's, not its site's
            claims.setdefault(f"{site}/{path}", set()).add(expression)
    return {key: found.pop() for key, found in claims.items() if len(found) == 1}


# Words of a site's own pages: a path of these alone is every site's ("google.com/books",
# "berkeley.edu/copyright", "google.com/url?q=..."), not one license's page
_SITE_WORDS = frozenset(
    {"url", "books", "copyright", "computing", "agreement", "license", "licence", "licenses"}
    | {"terms", "legal", "about", "index", "home", "policies", "policy", "privacy", "help"}
    | {"docs", "en", "search", "redirect", "go", "link", "page", "pages", "info", "html"}
)


def _names_a_license_page(path: str) -> bool:
    """A path with a word of its own: "falcon-2-terms-and-conditions", "asl", "cdl"."""
    return any(w not in _SITE_WORDS for w in re.findall(r"[a-z]+", path))


def _on_a_sibling_host(key: str) -> str | None:
    """The license a page of the same path on another host of the same site holds: ScanCode
    lists Falcon 2's terms at falconllm-staging.tii.ae, cards link them at falconllm.tii.ae."""
    host, _, path = key.partition("/")
    if not _names_a_license_page(path):
        return None  # google.com/books, berkeley.edu/copyright: a site's page, not one license's
    labels = host.split(".")
    sites = site_index()
    for first in range(len(labels) - 1):
        found = sites.get(".".join(labels[first:]) + "/" + path)
        if found:
            return found
    return None


@functools.cache
def hub_license_files() -> dict[str, str]:
    """The URL index's entries for files in Hub repositories (their LICENSE files)."""
    return {k: v for k, v in url_index().items() if k.startswith("huggingface.co/") and "/~/" in k}


@functools.cache
def hub_space_names() -> dict[str, str]:
    """Hub Spaces that host a license's text, by the Space's name when that names an agreement
    ("bigcode-model-license-agreement"): cards give the name as their `license_name`."""
    found: dict[str, set[str]] = {}
    for key, expression in url_index().items():
        parts = key.split("/")
        if len(parts) == 4 and parts[1] == "spaces" and "licen" in parts[3] and "-" in parts[3]:
            found.setdefault(parts[3], set()).add(expression)
    return {name: next(iter(e)) for name, e in found.items() if len(e) == 1}
