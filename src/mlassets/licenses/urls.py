"""Links to license texts: the sites whose URLs name a license, and LICENSE files elsewhere.

A link to a known site concludes the license it names. A link to a LICENSE file or a terms page
that names nothing mlassets knows becomes a weak `LicenseRef-` (used only when nothing else in the
string names a license). Any other link (a model page, a paper) names no license.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

from mlassets.licenses import scancode_names, scancode_urls
from mlassets.licenses.creative_commons import creative_commons
from mlassets.licenses.hub_ids import HUB_TO_SPDX
from mlassets.licenses.mentions import Mention, idstring, spdx_or_ref
from mlassets.licenses.names import lookup_id, lookup_name
from mlassets.licenses.spdx_list import spdx_list

# A link, or the path of a license site written without its scheme (Croissant's
# "creativecommons.org/licenses/by/4.0/"): those hosts' paths name licenses (`_known_site`).
URL = re.compile(
    r"(?:https?://|www\.|(?<![\w.@/-])(?:creativecommons|opensource|opendatacommons|spdx|gnu|"
    r"apache)\.org/|(?<![\w.@/-])choosealicense\.com/)"
    r"[^\s<>\"'\]\[)]+(?:\([^\s)]*\)[^\s<>\"'\]\[)]*)?",
    re.I,
)

_GNU_PAGES = re.compile(r"/(?:old-licenses/)?(a?l?gpl|fdl)(?:-(\d\.\d))?(?:[.-]|$)")
_GNU_CURRENT = {"gpl": "3.0", "lgpl": "3.0", "agpl": "3.0", "fdl": "1.3"}
_DOC_WORDS = re.compile(
    r"(?:^|[/_.-])(?:license|licence|licenses|licences|copying|terms|terms-of-use|tos|eula|"
    r"legal|legal-notice|usage-policy|agreement)(?:$|[/_.-])",
    re.I,
)
_HUB_REPO_LICENSE = re.compile(
    r"^/(?:datasets/|spaces/)?([^/]+)/([^/]+)/(?:blob|resolve|raw)/[^/]+/(?:license|licence)",
    re.I,
)


def url_mention(url: str, start: int = 0) -> Mention | None:
    """What the link at `start` (in the caller's text) says about the license, if anything."""
    url = url.rstrip(".,;:)")
    parts = urlsplit(url if "://" in url else "https://" + url)
    host = (parts.hostname or "").removeprefix("www.")
    path = unquote(parts.path).rstrip("/")
    end = start + len(url)
    if scancode_urls.lists_licenses(path) and host not in _CODE_HOSTS:
        # apache.org/licenses/, licenses.ai/ai-licenses: a list of several; on the license
        # sites' lists an anchor is a license's ("gnu.org/licenses/license-list.html#Unlicense"),
        # on another site's it may be a lab, a format or a dependency ("#FAIR", "#libpng")
        known = host in _LICENSE_SITES and parts.fragment
        anchor = lookup_id(parts.fragment) or lookup_name(parts.fragment) if known else None
        return Mention(start, end, anchor.expression) if anchor and anchor.expression else None
    expression = (
        _known_site(host, path.lower()) or scancode_urls.lookup_url(url) or _file_named_for_id(path)
    )
    if expression:
        return Mention(start, end, expression)
    if host == "choosealicense.com":
        return None  # its slugs are ids: one that is none ("other", "openrail") names none
    if host not in _CODE_HOSTS and _DOC_WORDS.search(path):
        named = _path_names(path)
        if isinstance(named, Mention):  # opensource.org/licenses/lgpl-license: which LGPL?
            return Mention(start, end, None, named.family, named.why)
        named = named or _site_and_page(host, path)
        if named:
            return Mention(start, end, named)
    if host == "huggingface.co":
        hub = _hub_license_file(path) or _hub_space(path)
        if hub:
            return Mention(start, end, hub, weak=hub.endswith("-LICENSE"))
    if _DOC_WORDS.search(path):
        return Mention(start, end, _ref_for(host, path), weak=True)
    return None


def _known_site(host: str, path: str) -> str | None:
    segments = [s for s in path.split("/") if s]
    if host.endswith("creativecommons.org"):
        if "zero" in segments or "cc0" in segments:
            return "CC0-1.0"
        if "mark" in segments:
            return "CC-PDM-1.0"
        if segments[:1] == ["licenses"] and len(segments) >= 3:
            tail = segments[3] if len(segments) > 3 else ""
            port = tail if re.fullmatch(r"[a-z]{2}|igo", tail) else ""  # not "deed", "rdf"
            found = list(creative_commons(f"cc {segments[1]} {segments[2]}"))
            generic = found[0].expression if found else None
            if generic and port:  # the path's port is a jurisdiction even where it is a word
                return spdx_or_ref(f"{generic.removeprefix('LicenseRef-')}-{port.upper()}")
            return generic
        return None
    if host.endswith("gnu.org"):
        page = _GNU_PAGES.search(path)
        if not page:
            return None
        kind = {"gpl": "GPL", "lgpl": "LGPL", "agpl": "AGPL", "fdl": "GFDL"}[page[1]]
        version = page[2] or _GNU_CURRENT[page[1]]
        return spdx_list().current(f"{kind}-{version}-only")
    if host.endswith("apache.org") and (m := re.search(r"license-(\d\.\d)", path)):
        return spdx_list().current(f"Apache-{m[1]}")
    if host in {"opensource.org", "spdx.org", "choosealicense.com"} and len(segments) >= 2:
        return _id_in_path(re.sub(r"\.(?:html?|php|txt)$", "", segments[1]))
    if host.endswith("opendatacommons.org") and len(segments) >= 2:
        key = {"odbl": "ODbL-1.0", "by": "ODC-By-1.0", "pddl": "PDDL-1.0"}.get(segments[1])
        return key or ("LicenseRef-scancode-dbcl-1.0" if segments[1] == "dbcl" else None)
    if host == "nationalarchives.gov.uk" and (
        m := re.search(r"open-government-licen[cs]e/version/(\d)", path)
    ):
        return spdx_list().current(f"OGL-UK-{m[1]}.0")
    if host == "etalab.gouv.fr" and "licence-ouverte" in path and not re.search(r"1[-.]0|v1", path):
        return "etalab-2.0"  # the Licence Ouverte's page holds version 2.0 since 2017
    if host == "joinup.ec.europa.eu" and (m := re.search(r"/eupl-text-eupl-(1)\.?(\d)$", path)):
        return spdx_list().current(f"EUPL-{m[1]}.{m[2]}")  # the Commission's page of each text
    if host == "kogl.or.kr" and (m := re.search(r"licensetype([1-4])(?!\d)", path)):
        return f"LicenseRef-KOGL-Type-{m[1]}"  # the Korea Open Government License's type pages
    if host == "usa.gov" and path.startswith("/government-works"):
        return "LicenseRef-scancode-us-govt-public-domain"
    if host in {"mit-license.org"}:
        return "MIT"
    if host == "unlicense.org":
        return "Unlicense"
    if host == "wtfpl.net":  # the license's own site: its text at /txt/copying/
        return "WTFPL"
    if host == "openfontlicense.org":  # SIL's site for the OFL, whose current version is 1.1
        return "OFL-1.1"
    if host in {"cdla.io", "cdla.dev"} and segments:
        cdla = re.fullmatch(r"(permissive|sharing)-(\d)-(\d)", segments[0])
        return spdx_or_ref(f"CDLA-{cdla[1].title()}-{cdla[2]}.{cdla[3]}") if cdla else None
    return None


_SLUG_SUFFIX = re.compile(r"(?:[-_.](?:licen[cs]e))?(?:[-_.](?:txt|php|html?|md))?$")


def _id_in_path(segment: str) -> str | None:
    """An id in a license site's path: SPDX ids (opensource.org, spdx.org), choosealicense's
    slugs, which are lowercase SPDX or Hub ids (`gpl-3.0`, `bsl-1.0`, `cc-by-sa-4.0`), and the
    Open Source Initiative's newer slugs (`apache-2-0`, `isc-license-txt`)."""
    from mlassets.licenses.inferred import single_versions  # inferred reads links through here

    for candidate in dict.fromkeys((segment, _SLUG_SUFFIX.sub("", segment))):
        match = lookup_id(candidate) if candidate else None
        if match:
            return match.expression
        only = single_versions().get(candidate)  # OSI's /license/upl: UPL-1.0, its one version
        if only:
            return only
    return None


# The sites of the license stewards and lists, whose pages of licenses anchor each by its name
_LICENSE_SITES = frozenset({"gnu.org", "opensource.org", "spdx.org", "choosealicense.com"})

# Hosts whose paths name an owner and a repository, not a license.
_CODE_HOSTS = frozenset({"github.com", "raw.githubusercontent.com", "gitlab.com", "huggingface.co"})
_LICENSE_FILE = re.compile(r"^(?:licen[cs]es?[-_.])?(.+?)(?:\.(?:md|txt|html?|rst))?$", re.I)


def _file_named_for_id(path: str) -> str | None:
    """A file named for the license it holds: `LICENSES/MIT.txt` (REUSE), `LICENSE-APACHE`,
    `markdown/apache-2.0.md`, or with its title (`Tongyi Qianwen LICENSE AGREEMENT`). Only a
    file (an extension, a LICENSE- prefix, or a license noun) counts: a repository or page named
    `mit` is not a license."""
    last = path.rsplit("/", 1)[-1]
    if re.fullmatch(r"unlicen[cs]e(?:\.(?:md|txt))?", last, re.I):
        return "Unlicense"  # the file the Unlicense asks to be put in: "UNLICENSE"
    stem = _LICENSE_FILE.match(last)
    if not stem or stem[1].lower() in {"license", "licence", "copying"}:
        return None
    titled = _DOC_WORDS.search(stem[1].replace(" ", "-")) is not None
    if "." in last or re.match(r"licen[cs]es?[-_.]", last, re.I):
        match = lookup_id(stem[1])
        if match:
            return match.expression
    if not titled:
        return None
    named = lookup_name(stem[1])
    if named:
        return named.expression
    return scancode_names.lookup_scancode_name(stem[1]) or scancode_names.lookup_shortened(stem[1])


def _path_names(path: str) -> str | Mention | None:
    """The one license a license page's path spells in words (`/llama3/license`,
    `/gemma/terms`), read by the free-text recognisers; the mention of a family where it spells
    only that; None when it spells none or several."""
    from mlassets.licenses.freetext import longest, scan  # freetext reads links through here

    dotted = re.sub(r"(\d)_(\d)", r"\1.\2", path.lower())  # llama.com/llama3_1/license
    words = re.sub(r"[/_]+|\.(?!\d)", " ", dotted).replace("licence", "license")
    mentions = longest(scan(words))
    expressions = {m.expression for m in mentions}
    if expressions == {None} and len(mentions) == 1:
        return mentions[0]
    if len(expressions) != 1 or None in expressions:
        return None
    return expressions.pop()


def _site_and_page(host: str, path: str) -> str | None:
    """The license a publisher's own page names with the site's name before its slug:
    stability.ai/community-license-agreement is the "Stability AI Community License"."""
    from mlassets.licenses.titles import (  # titles reads links
        a_publishers_licenses,
        known_title,
        one_word_license,
    )

    labels = host.split(".")
    page = re.sub(r"[-_.]+", " ", path.rstrip("/").rsplit("/", 1)[-1]).strip().lower()
    if len(labels) < 2 or not page or len(page) > 80:  # a slug, not a text: titles are short
        return None
    if set(page.split()) <= _PAGE_WORDS:  # nvidia.com/license-agreement: which of its fourteen?
        return (
            None if a_publishers_licenses(f"{labels[-2]} license") else one_word_license(labels[-2])
        )
    return known_title(f"{labels[-2]} {page}")


# A page named only by these says it holds the site's terms, not which license they are.
_PAGE_WORDS = frozenset({"license", "licence", "licenses", "licences", "agreement", "terms"})


def _hub_license_file(path: str) -> str | None:
    """`huggingface.co/<org>/<repo>/blob/<rev>/LICENSE`: Meta's and Google's repositories carry
    the Llama and Gemma terms; any other repository's LICENSE is a reference to that file."""
    found = _HUB_REPO_LICENSE.match(path)
    if not found:
        return None
    org, repo = found[1].lower(), found[2].lower()
    if org == "meta-llama":
        version = re.search(r"llama-?(\d(?:\.\d)?)", repo)
        hub_id = f"llama{version[1]}" if version else ""
        if hub_id == "llama2" or hub_id in HUB_TO_SPDX:
            return HUB_TO_SPDX[hub_id]
    if org == "google" and repo.startswith(("gemma", "codegemma", "paligemma", "recurrentgemma")):
        return HUB_TO_SPDX["gemma"]
    return (
        _github_twin(path)
        or _listed_sibling(path)
        or f"LicenseRef-{idstring(found[1])}-{idstring(found[2])}-LICENSE"
    )


def _github_twin(path: str) -> str | None:
    """The license ScanCode lists for the same owner's GitHub repository of the same name and
    file (Tencent/Hunyuan3D-2): a project that publishes its model beside its code."""
    key = scancode_urls.url_key("https://huggingface.co" + path)
    if key.startswith(("huggingface.co/datasets/", "huggingface.co/spaces/")):
        return None
    return scancode_urls.url_index().get("github.com/" + key.removeprefix("huggingface.co/"))


# What a repository's name may add to the one it repackages: formats and quantisations, never
# a size or a variant ("-72B", "-Instruct" can name a repository under other terms).
_REPACKAGED = re.compile(
    r"(?:[-_.](?:gguf|ggml|awq|gptq|exl2|mlx|onnx|fp8|fp16|bf16|int4|int8|[48]bit|bnb|q[2-8]"
    r"(?:_k)?(?:_[msl])?))+",
    re.I,
)


def _listed_sibling(path: str) -> str | None:
    """The license of the LICENSE file the ScanCode LicenseDB lists for a repository this one
    mirrors or derives from by name: `Qwen/Qwen2.5-72B-Instruct` from its listed
    `Qwen/Qwen2.5-72B`, in any owner's namespace. The reverse holds only for a listed
    repackaging: `city96/FLUX.1-dev-gguf` is listed, so `black-forest-labs/FLUX.1-dev` carries
    those terms. None unless every such listed repository agrees."""
    kind, repo, file = _hub_file_key(scancode_urls.url_key("https://huggingface.co" + path))
    found: set[str] = set()
    for listed_key, expression in scancode_urls.hub_license_files().items():
        listed_kind, listed_repo, listed_file = _hub_file_key(listed_key)
        if (listed_kind, listed_file) != (kind, file) or not repo or not listed_repo:
            continue
        # the same name in another namespace (a mirror), or the name and a separator
        after = (
            repo[len(listed_repo) : len(listed_repo) + 1] if repo.startswith(listed_repo) else None
        )
        repackaged = listed_repo.startswith(repo) and _REPACKAGED.fullmatch(
            listed_repo[len(repo) :]
        )
        if after in ("", "-", "_", ".") or repackaged:
            found.add(expression)
    return found.pop() if len(found) == 1 else None


def _hub_file_key(key: str) -> tuple[str, str, str]:
    """(`datasets/` or "", the repository's name without its owner, the file) of a Hub URL key
    (`huggingface.co/qwen/qwen2.5-72b/~/license`)."""
    parts = key.removeprefix("huggingface.co/").split("/")
    kind = parts.pop(0) + "/" if parts[0] in {"datasets", "spaces"} else ""
    if len(parts) < 4 or parts[2] != "~":
        return kind, "", ""
    return kind, parts[1], "/".join(parts[3:])


_SPACE = re.compile(r"^/spaces/[^/]+/([^/]+)$", re.I)


def _hub_space(path: str) -> str | None:
    """A Space that hosts a license text (`spaces/CompVis/stable-diffusion-license`): its name,
    read as a license name (ScanCode's names, with or without their date)."""
    found = _SPACE.match(path)
    if not found:
        return None
    words = found[1].replace("-", " ").replace("_", " ")
    named = lookup_name(words)
    if named and named.expression:
        return named.expression
    return scancode_names.lookup_scancode_name(words) or scancode_names.lookup_shortened(words)


def _ref_for(host: str, path: str) -> str:
    name = host.split(".")[-2] if host.count(".") >= 1 else host
    if host in {"github.com", "raw.githubusercontent.com", "gitlab.com"}:
        segments = [s for s in path.split("/") if s]
        name = "-".join(segments[:2])
        path = "/" + segments[-1] if segments else ""
    return "LicenseRef-" + idstring(f"{name}-{path.strip('/').replace('/', '-')}")
