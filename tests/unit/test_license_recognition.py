"""Recognition from reference data (issue 12, part 2): accuracy on the project's own labelled
sets, no wrong conclusion marked certain, and what `basis` / `certain` say."""

from __future__ import annotations

from pathlib import Path

import pytest
from bench.license_eval import correct, rows

from mlassets.licenses import classify, normalize_license
from mlassets.licenses.reference import scancode_licenses, scancode_source
from mlassets.licenses.scancode_urls import lookup_url, url_index, url_key
from mlassets.schemas import validator_for

DATA = Path(__file__).resolve().parents[1] / "data"
SETS = sorted(p.name for p in DATA.glob("licenses-*.tsv"))


# A set below the 97% target is held at what it scores now, so that it cannot get worse, and
# says why: its misses need knowledge the reference data does not have (docs/benchmarks.md).
BELOW_TARGET = {
    # round 20 (session 28), first runs at 8c8766e: 874/941 (two writers ran `git show --stat`
    # of their own commit after writing: a file count, no message). Fixed after: a title before
    # "apply to", an alias after "International", Korean 이상, "+" between two licenses,
    # BSD-2-Clause-FreeBSD as SPDX's Views, "nvidia-license", "the OFL". Left as before
    "licenses-holdout-118.tsv": 146,
    "licenses-holdout-119.tsv": 150,
    "licenses-holdout-120.tsv": 145,
    "licenses-holdout-121.tsv": 153,
    "licenses-holdout-122.tsv": 146,
    "licenses-holdout-123.tsv": 143,
    # round 19 (session 28), first runs at 52ac8f7: 892/952 (the writers told not to read git
    # history); then parts given with a colon, "distributed under their respective licenses",
    # WTF Public License, Vim's, the Spanish LPPL title, NCBI's notice beside "public domain".
    # Left as in the rounds before: Hub slugs and other-<x> of datasets' terms, repositories'
    # LICENSE files, translated sentences with a version after the name, license texts
    "licenses-holdout-114.tsv": 139,
    "licenses-holdout-115.tsv": 147,
    "licenses-holdout-116.tsv": 148,
    "licenses-holdout-117.tsv": 152,
    # round 18 (session 28), first runs at 4fa7c9d: 880/943 (two writers, of 106 and 109, saw
    # the latest commit's message before writing; docs/benchmarks.md). Left: Hub slugs without
    # a license word, other-<x> of a dataset's terms (cityscapes, umls, quora, snomed-ct),
    # typos in sentences and one-word names, Hub LICENSE files of repositories, Japan's and
    # IMDb's terms by their titles
    "licenses-holdout-106.tsv": 152,
    "licenses-holdout-107.tsv": 157,
    "licenses-holdout-108.tsv": 150,
    "licenses-holdout-109.tsv": 145,
    "licenses-holdout-110.tsv": 148,  # "puplic domain": a letter typed for another, not mended
    "licenses-holdout-111.tsv": 145,
    # round 17 (session 28), first runs at dde2ca9: 867/932; then the third hostile review's
    # fixes and round 17's: an SPDX tag's prefix, a license and its exception both named, CC's
    # "NC" after an id, a name whose alias names another license, terms a title gives a part
    # after "must abide by" / "bound by" (and in Chinese), "Afero", the GNU titles' Romance word
    # order, MIT/X11, FreeType, an UNLICENSE file. Left: Hub slugs without a license word,
    # other-<x> of a dataset's terms, KOGL, LICENSE files of repositories, ScanCode names in
    # other words (HCP, Kaggle's rules, NVIDIA's data agreement), typos of one-word names
    "licenses-holdout-100.tsv": 158,
    "licenses-holdout-101.tsv": 152,
    "licenses-holdout-102.tsv": 140,
    "licenses-holdout-103.tsv": 154,
    "licenses-holdout-104.tsv": 144,
    "licenses-holdout-105.tsv": 145,
    # round 16 (session 28), first runs at f21b2ec: 870/938; then a family's notice with its
    # version after the name (LPPL), "or later" after "Unported License" or in parentheses,
    # publishers' names (X Consortium, Internet Systems Consortium, GNU All-Permissive),
    # Chinese and Japanese titles, choosealicense's unknown slugs, terms a link's text gives a
    # part. Left: Hub slugs without a license word (cogvlm2, bria-2.3, lfm1.0, mnpl), other-<x>
    # of a dataset's terms (imagenet, cityscapes, umls, the-stack), KOGL, ScanCode names
    # written shorter or in other words (Montreal Data License, MS Research License Terms,
    # Statistics Canada), LICENSE files of repositories, typos in one-word names
    "licenses-holdout-94.tsv": 150,
    "licenses-holdout-96.tsv": 144,
    "licenses-holdout-97.tsv": 150,
    "licenses-holdout-98.tsv": 145,
    "licenses-holdout-99.tsv": 153,
    # round 15 (session 27), first runs at fd5e984 (after the second hostile review): Hub slugs
    # without a license word (cogvlm2, bria-rmbg-2.0, lfm1.0, hyperclovax-seed), other-<x> of a
    # dataset's terms, KOGL in Korean, IODL, Hippocratic's core by its short name, LICENSE
    # files of Hub repositories, ScanCode's second keys (free-art-1.3), WordNet by its version
    "licenses-holdout-88.tsv": 159,
    "licenses-holdout-90.tsv": 143,
    "licenses-holdout-91.tsv": 154,
    "licenses-holdout-93.tsv": 146,
    "licenses-holdout-92.tsv": 150,  # first run at bb0cc52 (144); then the PDDL, Perl, postgres
    # batch 89, written late, first run at 5db169a: Datenlizenz Deutschland's German titles and
    # slugs, GFDL's invariants variants in words, "Etalab Open License" without its version
    # (concluded etalab-2.0, as "Licence Ouverte" no longer is), glm-4, TII's Falcon license
    "licenses-holdout-89.tsv": 152,
    # round 14 (session 27), first runs at d879cb2, then the fixes of 7da81ab.. (a '3.x', an
    # unlisted addition after WITH, a publisher after other-, ...): Hub slugs without a license
    # word (cogvlm2, bria-rmbg-1.4, glm-4, kolors, lfm1.0), other-<x> of terms (imagenet, umls,
    # waymo, movielens), KOGL in Korean, IODL, Solderpad's and Qwt's exceptions, PSF's short
    # names, ScanCode's second keys of listed licenses (free-art-1.3), unlisted LICENSE pages
    "licenses-holdout-82.tsv": 160,
    "licenses-holdout-83.tsv": 152,
    "licenses-holdout-84.tsv": 144,
    "licenses-holdout-85.tsv": 147,
    "licenses-holdout-86.tsv": 141,
    "licenses-holdout-87.tsv": 142,
    # round 13 (session 26), first runs on the hostile review's fixes (fd3a1e7), then a
    # prohibition of commercial use written other ways in Chinese and Japanese: Hub slugs
    # (glm-4, cogvlm2, mnpl, hyperclovax-seed, llama3_2, ipafont, ibmpl), other-<x> of terms,
    # Llama's family names and Korean title, KOGL, Solderpad's exceptions, Stability AI's
    # slugs and pages, RSALv2, Statistics Canada, Sleepycat by Berkeley DB, names with typos
    "licenses-holdout-76.tsv": 141,
    "licenses-holdout-77.tsv": 156,
    "licenses-holdout-78.tsv": 138,
    "licenses-holdout-79.tsv": 148,
    "licenses-holdout-80.tsv": 143,
    "licenses-holdout-81.tsv": 156,
    # round 12 (session 26), its first runs and the hostile review's fixes since: names whose
    # license noun is their own word (AI2 ImpACT, CAPEC and CVE terms, "DeepSeek Model
    # License"), model slugs (bria-rmbg-1.4, glm-4, geogratis, hesa-withrights), Hub and
    # GitHub LICENSE files of unlisted repositories, titles in Chinese and Korean of model
    # licenses, EUPL's own "or - as soon they will be approved" wording, other-<name> of terms
    "licenses-holdout-70.tsv": 151,
    "licenses-holdout-71.tsv": 147,
    "licenses-holdout-72.tsv": 139,
    "licenses-holdout-73.tsv": 152,
    # Solderpad's hardware licenses (SPDX exceptions used with Apache-2.0, five strings), the
    # Tongyi Qianwen and Tencent Hunyuan titles in Chinese, Statistics Canada's licence, RSALv2,
    # Stability AI's slugs and pages, "Berkeley Database License" for Sleepycat (fixed since)
    "licenses-holdout-74.tsv": 136,
    "licenses-holdout-75.tsv": 142,
    # round 11 (session 26), after the fixes its first runs led to: "a commercial license" as
    # a dual license's second part, GFDL's invariants, glm-4, the Free Public License (0BSD),
    # FSF's all-permissive notice, dcat-ap.de's URI for DL-DE-BY-2.0
    # EUPL's notice ("or ... subsequent versions of the EUPL") is read as "+", as two writers
    # of three (batches 71 and 107) label it; batch 65's writer kept EUPL-1.2
    "licenses-holdout-65.tsv": 157,
    # mnpl, mrl, lfm1.0, hyperclovax-seed (slugs), other-montreal-data-license, LPPL's own
    # notice, "LLaMA license (non-commercial, research only)", microsoft-research-license,
    # the Hippocratic License's page, a Hub LICENSE link labelled NOASSERTION
    "licenses-holdout-66.tsv": 146,
    # other-<name>-license of ScanCode names (pixabay, opencontent, nvidia), "Postgres",
    # "Open Databse License v1.0", health-data agreements in a sentence, "same terms as Perl
    # itself", PSF in a dual license, the OpenSSL exception, a licenses.ai page
    "licenses-holdout-67.tsv": 147,  # a spelled-out ScanCode name keeps its version (OpenContent)
    # Statistics Canada's licence (slugs, French titles, its page), Solderpad's hardware
    # license (an SPDX exception), Stability AI's slugs and pages, Ruby's license, RSALv2,
    # a PDF of a license on GitHub and S3, gnu.org's license list
    "licenses-holdout-68.tsv": 139,
    # "unlicsense", other-ogdl-taiwan, other-umls, other-waymo-open-dataset, the WTFNMFPL,
    # Tongyi Qianwen's and Tencent Hunyuan's Chinese titles, "X Consortium License", The Stack's
    # terms by another name, an exception for the weights, a Hub LICENSE of an unlisted size
    "licenses-holdout-69.tsv": 151,
    # round 10 (session 26), after the fixes its first runs led to: Hub slugs that name no
    # license word (cogvlm2, codegeex4), other-<name> of a source alone (copernicus-sentinel),
    # a Chinese port's name, "a commercial license is available" read as no second license
    "licenses-holdout-59.tsv": 153,
    # glm-4, dli-model-use, geogratis (slugs), a GitHub COPYING link its writer labelled
    # NOASSERTION, "AGPL-3.0 (or an Enterprise License ...)", GFDL-1.3's no-cover-texts spelling
    "licenses-holdout-60.tsv": 150,
    # mrl, mnpl, lfm1.0, other-movielens, other-kogl-type-1, KOGL's and the Japanese
    # government's titles, "Microsoft Research License" for ScanCode's "... License Terms", a
    # static-linking exception by another name, GitHub LICENSE links labelled NOASSERTION
    "licenses-holdout-61.tsv": 142,
    # NCGL without a version (concluded 2.0, its one SPDX version), the Japanese PDL, a typo in
    # a shortened name ("Open Databse License"), PSF, licenses.ai's index page, Python's docs page
    "licenses-holdout-62.tsv": 147,
    # Tongyi Qianwen's Chinese title, Hub LICENSE files of unlisted sizes (SD 3.5 medium,
    # Qwen-72B-Chat), "WTF Public License", The Stack's terms by another name, Solderpad's
    # hardware license (an SPDX exception), ukclickusepsi, other-umls, madler/zlib's LICENSE
    "licenses-holdout-63.tsv": 151,
    # round 9 (session 25), first runs on b7859c2: names in German with a code or declined
    # (dl-de/by-2-0, "Deutschen Freien Software Lizenz"), slugs without a license word
    # (hyperclovax-seed, health-ai-developer-foundations, glm-4), joinup's EUPL page (fixed since)
    "licenses-holdout-53.tsv": 152,
    # MulanPSL's Chinese title, MPL-2.0's Exhibit B in a sentence, mrl and lfm1.0, the LICENSE
    # link of an unlisted Hub repository (its writer labelled it NOASSERTION)
    "licenses-holdout-54.tsv": 161,
    # statcan (its slug and its /en/ page), Unsplash's license in a sentence naming the source,
    # OGDL-Taiwan's Chinese title, W3C's dated title in a sentence, sai-nc-community, wordnet's
    # page, "Public domain (U.S. Government)"
    "licenses-holdout-55.tsv": 144,
    # X Consortium's name for X11, "statcan" for Statistics Canada, vovida-1.0 (a slug of a
    # name's first word), the Taiwan OGDL in Chinese, tongyi-qianwen-research, the TED usage
    # policy as other-<x>-policy, and two license pages (statcan.gc.ca/en, wordnet)
    "licenses-holdout-51.tsv": 148,
    # PSF's short names alone (other-psf, PSFL: ScanCode holds a second PSF text), model slugs
    # (qwen-research, other-qwen-research), and "microsoft-research-license", a ScanCode name
    # without its last word, minted (its writer marked it ambiguous)
    "licenses-holdout-50.tsv": 150,
    # "postgres", "PSF", model slugs (qwen-research, mnpl-0.1, llama2-community); written by a
    # second writer on the same brief as batch 50, after an interruption
    "licenses-holdout-50b.tsv": 155,
    # the `license_name` slugs of model licenses (qwen-research, mnpl, mrl, glued
    # stabilityai-ai-community) and the LICENSE file of a Hub repository that neither ScanCode
    # lists nor derives by name from one it lists (stabilityai/stable-diffusion-3.5-large)
    "licenses-holdout-18.tsv": 184,
    # WordNet's pages and names with the product's version, Ruby's page, the Unicode Terms of
    # Use in a sentence, the slugs of batch 18, a bare one-word ScanCode key ("unsplash"), and
    # the RAIL family named alone
    "licenses-holdout-24.tsv": 145,
    # informal short names ("postgres", "psfl"), the Hub's old other-<one word> form for a
    # ScanCode license ("other-unsplash"), the slugs of batch 18, and two license pages'
    # URLs the reference data does not list (pixabay.com, wordnet.princeton.edu)
    "licenses-holdout-27.tsv": 147,
    # the slugs of model licenses (tongyi-qianwen-research, sai-nc-community), the Taiwan OGDL
    # in Chinese and as other-ogdl-taiwan, a publisher before a ScanCode name (NTU S-Lab), a
    # product after an SPDX name in a sentence, "X11, a variant of the MIT license" (read as
    # modified), and two license pages' URLs (stability.ai, wordnet.princeton.edu)
    "licenses-holdout-31.tsv": 145,
    # names in Norwegian and Chinese (NLOD 2.0, Mulan PSL v2), NASA's own "NOSA 1.3", the UK
    # Open Government Licence without a version (minted, not refused), and qwen-research
    "licenses-holdout-30.tsv": 153,
    # the Italian open data licence with its version and abbreviation (a title too long to
    # mint), the JSON License with a clause quoted, a Korean title, model slugs
    # (hyperclovax-seed, health-ai-developer-foundations)
    "licenses-holdout-33.tsv": 160,
    # model slugs (qwen-research, tongyi-qianwen-research, tencent-hunyuan-community), a dual
    # license in a sentence whose first name ScanCode spells otherwise (RSALv2), stability.ai's
    # license page, a GitHub LICENSE link its writer labelled NOASSERTION
    "licenses-holdout-35.tsv": 149,
    # the Hub's old other-<x> form of an OSI name (other-zlib-libpng) and of terms
    # (other-university-research-license), "x consortium license", W3C's own title with "and"
    # in it, a model slug, and wordnet.princeton.edu's page alone
    "licenses-holdout-39.tsv": 145,
    # the Montreal Data License without its "(MDL)" as an other- slug, names in Chinese, the
    # Llama repository under its new owner, model slugs (mnpl-0.1, lfm1.0), "Llama Community
    # License" without a version (minted), "PSF" alone, a Hub LICENSE link
    "licenses-holdout-42.tsv": 144,
    # model slugs (qwen, qwen-research, tongyi-qianwen-research, tencent-hunyuan-community,
    # other-qwen), other-<one word> for a ScanCode name (refused: other-nvidia is a company),
    # Twitter's developer terms in a sentence, W3C's own title, "Stability Community License"
    # without "AI", ntu-s-lab-license, two license pages, the Unlicense's first sentence
    "licenses-holdout-43.tsv": 145,
}


@pytest.mark.parametrize("name", SETS)
def test_accuracy_on_the_extra_labelled_sets_is_at_least_97_percent(name: str) -> None:
    data = rows(DATA / name)
    misses = [raw for raw, exp, note in data if not correct(normalize_license(raw).spdx, exp, note)]
    floor = BELOW_TARGET.get(name, 0.97 * len(data))
    assert len(data) - len(misses) >= floor, misses


@pytest.mark.parametrize("name", [*SETS, "dev"])
def test_no_wrong_conclusion_is_marked_certain(name: str) -> None:
    from tests.conftest import EVAL

    path = EVAL / "licenses-dev.tsv" if name == "dev" else DATA / name
    if not path.exists():
        pytest.skip("../shared/eval is not present (a fresh clone)")
    wrong = [
        (raw, result.spdx)
        for raw, expected, note in rows(path)
        if (result := normalize_license(raw)).certain and not correct(result.spdx, expected, note)
    ]
    # The dev set's one exception: it labels Kaggle's DbCL `LicenseRef-DbCL-1.0`, where the
    # project's convention (a license in the ScanCode LicenseDB is LicenseRef-scancode-<key>)
    # gives LicenseRef-scancode-dbcl-1.0. mlassets follows the convention.
    assert [w for w in wrong if "scancode-dbcl" not in w[1]] == []


@pytest.mark.parametrize(
    ("raw", "certain", "basis"),
    [
        ("apache-2.0", True, "id"),
        ("JSON", True, "id"),
        # a word that is an SPDX id in another case, and no Hub id: "json" is as often a format
        ("json", False, "id"),
        ("mit", True, "id"),  # the Hub's id
        ("FAIR", False, "id"),  # SPDX's Fair in another case: as often Meta's lab
        ("SIL Open Font License 1", False, "SPDX name"),  # 1.0, or the OFL-1.1 most fonts use
        ("BSD-2-Clause-NetBSD", False, "id"),  # deprecated for another license's id
        ("Mozilla Public License 2.0", True, "SPDX name"),
        ("Qwen License Agreement 2024", True, "ScanCode name"),
        ("apache-2.0 OR mit", True, "expression of ids and names"),
        ("License, Apache 2.0", True, "SPDX name"),  # the index drops 'license': same tokens
        ("Public License Mozilla 2.0", False, "name in another word order"),
        ("Mozila Public License 2.0", False, "name with a typo"),
        ("Qwen License Agreement", False, "shortened name"),
        ("https://www.eclipse.org/legal/epl-2.0/", False, "link"),
        ("This model is released under the MIT license.", False, "free text"),
    ],
)
def test_each_conclusion_says_how_it_was_reached(raw: str, certain: bool, basis: str) -> None:
    result = normalize_license(raw)
    assert result.spdx != "NOASSERTION"
    assert (result.certain, result.basis) == (certain, basis)
    assert (result.to_json()["basis"], result.to_json()["certain"]) == (basis, certain)
    document = {
        "schema_version": 1,
        **result.to_json(),
        "classification": classify(result.spdx).to_json(),
    }
    assert not list(validator_for("license-normalize").iter_errors(document))


def test_a_name_without_its_one_version_is_a_reading_not_a_certainty() -> None:
    boost = normalize_license("Boost Software License")
    assert (boost.spdx, boost.certain) == ("BSL-1.0", False)
    assert normalize_license("Boost Software License 1.0").certain


def test_a_typo_never_changes_a_version() -> None:
    assert normalize_license("Mozila Public License 1.1").spdx == "MPL-1.1"
    assert normalize_license("GNU Genral Public License v2.0").spdx == "GPL-2.0-only"


def test_the_scancode_index_is_vendored_with_its_source() -> None:
    assert "scancode-toolkit-mini" in scancode_source()
    entries = {e.key: e for e in scancode_licenses()}
    assert len(entries) > 2000
    assert entries["llama-2-license-2023"].name.startswith("Llama 2 Community License")
    assert any(
        "huggingface.co/spaces/bigscience/license" in u for u in entries["bigscience-rail-1.0"].urls
    )


def test_urls_are_recognised_whatever_their_revision_scheme_or_locale() -> None:
    assert url_key("http://www.Mozilla.org/en-US/MPL/2.0/") == "mozilla.org/mpl/2.0"
    expected = "LicenseRef-scancode-qwen-2024"
    assert lookup_url("https://huggingface.co/Qwen/Qwen2.5-72B/resolve/abc123/LICENSE") == expected
    # a page two entries claim goes to the one the URL spells: MPL-2.0, not its variant
    assert lookup_url("https://www.mozilla.org/MPL/2.0/") == "MPL-2.0"
    assert lookup_url("https://example.com/") is None


def test_a_page_on_another_host_of_the_listed_pages_site_is_that_page() -> None:
    # ScanCode lists Falcon 2's terms on TII's staging host; cards link the production host
    falcon = "LicenseRef-scancode-falcon-2-11b-1.0"
    assert lookup_url("https://falconllm.tii.ae/falcon-2-terms-and-conditions.html") == falcon
    assert lookup_url("https://tii.ae/falcon-2-terms-and-conditions") == falcon
    # a site is its registrable domain by the Public Suffix List: each github.io host is its own
    listed = next(k for k in url_index() if k.split("/")[0].endswith(".github.io"))
    host, _, path = listed.partition("/")
    assert lookup_url(f"https://someone-else.github.io/{path}") is None
    assert lookup_url("https://tii.ae.example.net/falcon-2-terms-and-conditions") is None
    assert not normalize_license("https://falconllm.tii.ae/falcon-2-terms-and-conditions").certain


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        # named for a listed repository (Qwen/Qwen2.5-72B), so derived from it, in any namespace
        ("https://huggingface.co/Qwen/Qwen2.5-72B-Instruct-AWQ/resolve/main/LICENSE", "qwen-2024"),
        (
            "https://huggingface.co/someone/Qwen2-72B-Instruct_v2/blob/main/LICENSE",
            "tongyi-qianwen",
        ),
        ("https://huggingface.co/mirror/Qwen2.5-72B/blob/main/LICENSE", "qwen-2024"),  # a mirror
        # the listed city96/FLUX.1-dev-gguf repackages FLUX.1-dev, which carries its terms
        ("https://huggingface.co/someone/FLUX.1-dev/raw/main/LICENSE.md", "flux-1-nc"),
        # a family's or another size's repository may be under other terms
        ("https://huggingface.co/Qwen/Qwen2.5/blob/main/LICENSE", "Qwen-Qwen2.5-LICENSE"),
        ("https://huggingface.co/Qwen/Qwen2.5-7B/blob/main/LICENSE", "Qwen-Qwen2.5-7B-LICENSE"),
        ("https://huggingface.co/city96/FLUX.1/blob/main/LICENSE.md", "city96-FLUX.1-LICENSE"),
        # another file of a listed repository is not its license
        ("https://huggingface.co/Qwen/Qwen2.5-72B-Instruct/blob/main/README.md", "NOASSERTION"),
    ],
)
def test_a_hub_license_file_takes_the_terms_of_the_listed_repository_it_derives_from(
    url: str, expected: str
) -> None:
    result = normalize_license(url)
    assert expected in result.spdx
    assert not result.certain  # read from a neighbour's listing, not from the file itself


def test_long_values_conclude_whole() -> None:
    value = "This dataset is released under the MIT license. " * 1500  # 73 KB
    assert normalize_license(value).spdx == "MIT"
    listed = ", ".join(["MIT", "Apache-2.0"] * 3000)
    assert normalize_license(listed).spdx == "MIT AND Apache-2.0"


def test_a_card_conclusion_is_certain_only_when_every_part_is() -> None:
    from mlassets.licenses import conclude_card_license

    assert conclude_card_license({"license": ["mit", "apache-2.0"]}).certain
    mixed = conclude_card_license({"license": ["mit", "Mozila Public License 2.0"]})
    assert mixed.concluded == "MIT AND MPL-2.0" and not mixed.certain
    other = conclude_card_license({"license": "other", "license_name": "Apache License 2.0"})
    assert other.concluded == "Apache-2.0" and other.certain


@pytest.mark.parametrize(
    "name", ["Unicode License", "Llama 3.x Community License", "Licence Ouverte / Open Licence"]
)
def test_a_license_name_that_names_a_family_is_not_recorded_as_a_license(name: str) -> None:
    # as `other-<name>` is not: a LicenseRef of a family would pass a policy with a warning
    from mlassets.licenses import conclude_card_license

    found = conclude_card_license(
        {"license": "other", "license_name": name, "license_link": "https://example.org/l"}
    )
    assert found.concluded == "NOASSERTION"
    assert [f.code for f in found.findings] == ["L103"]
    recorded = conclude_card_license({"license": "other", "license_name": "Acme Model License"})
    assert recorded.concluded == "LicenseRef-Acme-Model-License"  # an unknown name still is


def test_every_hub_license_name_concludes_what_its_id_does() -> None:
    from mlassets.licenses.hub_ids import HUB_FAMILIES, HUB_NAMES, HUB_TO_SPDX

    for name, hub_id in HUB_NAMES.items():
        result = normalize_license(name)
        expected = "NOASSERTION" if hub_id in HUB_FAMILIES else HUB_TO_SPDX[hub_id]
        assert (result.spdx, result.certain) == (expected, True), name


def test_share_alike_is_not_a_look_alike_license() -> None:
    # "ShareAlike license" ends in "-like license", which the modified-license guard must not
    # take for "BSD-like license".
    result = normalize_license("the Creative Commons Attribution-ShareAlike license (CC BY SA 3.0)")
    assert result.spdx == "CC-BY-SA-3.0"
    assert normalize_license("a BSD-like license").spdx == "NOASSERTION"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # a file named for the license it holds, on a code host; a page named so is not one
        ("https://github.com/acme/tool/blob/main/LICENSES/BSD-2-Clause.txt", "BSD-2-Clause"),
        ("https://gitlab.com/acme/tool/-/raw/main/LICENSE-MIT", "MIT"),
        ("https://github.com/acme/mit", "NOASSERTION"),
        # the OSI's newer slugs, and a license page's path read as words
        ("https://opensource.org/license/mpl-2-0", "MPL-2.0"),
        ("https://www.llama.com/llama3_2/license/", "LicenseRef-scancode-llama-3.2-license-2024"),
        # a page two ScanCode entries claim, one of them on the SPDX list (its seeAlso)
        ("https://www.govdata.de/dl-de/zero-2-0", "DL-DE-ZERO-2.0"),
        # an SPDX name without the abbreviation it carries in parentheses
        ("Norwegian Licence for Open Government Data 1.0", "NLOD-1.0"),
        # exceptions named in words, from the SPDX exception ids
        (
            "LGPL 2.1 with the OCaml LGPL linking exception",
            "LGPL-2.1-only WITH OCaml-LGPL-linking-exception",
        ),
        (
            "GPL-2.0-or-later with the Linux syscall note",
            "GPL-2.0-or-later WITH Linux-syscall-note",
        ),
        ("GPLv3 with an exception", "NOASSERTION"),  # unnamed: its terms are unknown
        ("Library GPL 2", "LGPL-2.0-only"),
        ("GNU Library Public License v2", "LGPL-2.0-only"),  # "General" left out
        ("Do What The Fuck You Want To Public License", "WTFPL"),
        # a name shortened: without its date, its only version, or "Agreement"
        ("Llama 4 Community License 2025", "LicenseRef-scancode-llama-4-cla-2025"),
        ("Stability AI Community License", "LicenseRef-scancode-stability-ai-community-2024"),
        ("FLUX.1 [dev] Non-Commercial", "LicenseRef-scancode-flux-1-nc"),
        # "RAIL-M2" is not "RAIL-M" followed by a 2
        (
            "BigScience Open RAIL-M2 License Agreement",
            "LicenseRef-scancode-bigscience-open-rail-m2",
        ),
        # one edit inside a long word is a typo; in a two-letter port it is another license
        ("Ecplise Public License 2.0", "EPL-2.0"),
        # the asset's own license, not its training data's or base model's
        ("The code is MIT; the base model is Llama 2.", "MIT"),
        ("Weights under Apache 2.0; trained on data under CC BY-SA 4.0.", "Apache-2.0"),
        # R's DESCRIPTION forms
        ("GPL (>= 3)", "GPL-3.0-or-later"),
        ("GPL-2 | GPL-3", "GPL-2.0-only OR GPL-3.0-only"),
        # a ScanCode entry the SPDX list has since added, named alike in both: the SPDX id
        ("WordNet License", "WordNet"),
        # "Modified BSD" is BSD-3-Clause's historic name, in parentheses too
        ("BSD 3-Clause (Modified BSD License)", "BSD-3-Clause"),
        # "<Word> License": the one ScanCode name that comes down to the word
        ("The Qwen License", "LicenseRef-scancode-qwen-2024"),
        ("deepseek_license", "LicenseRef-scancode-deepseek-la-1.0"),
        # an exception named in more words than its id, its version the license's
        (
            "GPL-2.0 with the GCC Runtime Library exception",
            "GPL-2.0-only WITH GCC-exception-2.0",
        ),
        ("GPL v3 with the GCC exception", "GPL-3.0-only WITH GCC-exception-3.1"),
        # the CC text saying what the license allows is no "adaptation of" a license
        ("CC BY 4.0; it permits copying and adaptation of the material", "CC-BY-4.0"),
        ("Licensed under CC BY 4.0, which allows sharing and adaptation of the data", "CC-BY-4.0"),
        # "individual" is not "dual"
        (
            "Open Database License; individual contents under the Database Contents License",
            "ODbL-1.0 AND LicenseRef-scancode-dbcl-1.0",
        ),
        # a note after the license is no second item of a list
        ("MIT; for other uses please contact us", "MIT"),
        # the date under a license text's title
        (
            "Llama 2 Community License Agreement, 18 July 2023",
            "LicenseRef-scancode-llama-2-license-2023",
        ),
        # a title after "licensed under" / "subject to", or a link's text, that ScanCode names
        (
            "These weights are released under the Tongyi Qianwen License Agreement.",
            "LicenseRef-scancode-tongyi-qianwen-2023",
        ),
        (
            "See the [Qwen License Agreement](https://example.com/terms).",
            "LicenseRef-scancode-qwen-2024",
        ),
        (
            "Apache 2.0; parts derived from Llama 2 remain subject to the Llama 2 Community License.",
            "Apache-2.0 AND LicenseRef-scancode-llama-2-license-2023",
        ),
        # a link's text saying "or later" where the gnu.org page holds both texts
        (
            "[GNU GPL v2.0 or later](https://www.gnu.org/licenses/old-licenses/gpl-2.0.html)",
            "GPL-2.0-or-later",
        ),
        # CC's translated deed titles
        ("Licença: Creative Commons Atribuição-CompartilhaIgual 4.0 Internacional", "CC-BY-SA-4.0"),
        ("Creative Commons Reconocimiento-NoComercial 4.0 Internacional", "CC-BY-NC-4.0"),
        # a title a few words after the verb, or before a colon and the terms
        (
            "The data is distributed by Acme Corp under the Acme Data License.",
            "LicenseRef-Acme-Data-License",
        ),
        (
            "Acme Corpus License Agreement: use for research only.",
            "LicenseRef-Acme-Corpus-License-Agreement",
        ),
        # a classifier the vendored list lacks: its last part read as a license's name
        ("License :: OSI Approved :: Intel Open Source License", "Intel"),
        ("License :: OSI Approved :: Frobnicate License", "NOASSERTION"),
        # a family's title is no LicenseRef: its member is not guessed
        ("The weights are released under the OpenRAIL license.", "NOASSERTION"),
        # two neighbouring letters swapped in a word of five or more that no name has
        ("Apcahe 2.0", "Apache-2.0"),
        ("The Unlicnese", "Unlicense"),
        # the Open Definition's (CKAN's, Zenodo's) ids, not the Hub's other-<name>
        ("other-pd", "LicenseRef-scancode-public-domain"),
        ("other-at", "NOASSERTION"),
        # a family whose one listed version is not its only one (Etalab's 1.0, NASA's 1.1)
        ("other-etalab-open-license", "NOASSERTION"),
        ("NASA Open Source Agreement", "NOASSERTION"),
        ("Etalab Open License 2.0", "etalab-2.0"),
        ("NASA Open Source Agreement 1.3", "NASA-1.3"),
        # a license page's path that names only a family, on a site that holds several
        ("https://opensource.org/licenses/lgpl-license", "NOASSERTION"),
        ("LGPL-2.1 (https://opensource.org/licenses/lgpl-license)", "LGPL-2.1-only"),
        # a title in another language read in English: GNU's French FDL, Germany's Zero
        ("Licence de documentation libre GNU", "NOASSERTION"),
        ("Datenlizenz Deutschland – Zero – Version 2.0", "DL-DE-ZERO-2.0"),
        ("Datenlizenz Deutschland", "NOASSERTION"),  # which of its three?
        # a page three ScanCode licenses claim is none of them for its host's name alone
        ("https://www.unicode.org/copyright.html", "NOASSERTION"),
        # a page of licenses names none, though one LicenseDB entry lists it
        ("https://www.licenses.ai/ai-licenses", "NOASSERTION"),
        ("https://www.gnu.org/licenses/licenses.html", "NOASSERTION"),
        # ... unless its anchor is one license's id or name; and a link alone is no title
        ("https://www.gnu.org/licenses/license-list.html#Unlicense", "Unlicense"),
        ("https://www.gnu.org/licenses/license-list.html#GPLCompatibleLicenses", "NOASSERTION"),
        ("https://www.gnu.org/licenses/license-list.html", "NOASSERTION"),
        # a LicenseDB key that is SPDX's id with a version, for a license SPDX listed since
        ("WTFNMFPL-1.0", "WTFNMFPL"),
        ("WTFPL 1.0", "LicenseRef-scancode-wtfpl-1.0"),  # SPDX's WTFPL is ScanCode's 2.0
        # a family's notice that gives its version after the name; a family by its name alone
        (
            "Distributed under the LaTeX Project Public License, either version 1.3c of this"
            " license or (at your option) any later version.",
            "LPPL-1.3c+",
        ),
        ("Released under the LaTeX Project Public License.", "NOASSERTION"),
        # "or later" after a CC name's "Unported License", or in parentheses
        ("CC Attribution-ShareAlike 3.0 Unported License or any later version", "CC-BY-SA-3.0+"),
        ("GNU GPL v2 (or later) or the EUPL v1.2, at your option", "GPL-2.0-or-later OR EUPL-1.2"),
        ("MPL 2.0, Incompatible With Secondary Licenses", "MPL-2.0-no-copyleft-exception"),
        # names their publishers give, and titles in Chinese and Japanese
        ("X Consortium License", "X11"),
        ("Internet Systems Consortium License", "ISC"),
        ("GNU All-Permissive License", "FSFAP"),
        ("Open Font License 1.1", "OFL-1.1"),
        ("Open Font License", "NOASSERTION"),
        ("UK Open Government Licence", "NOASSERTION"),
        ("Eclipse 公共许可证 2.0", "EPL-2.0"),
        ("オープンデータベースライセンス", "ODbL-1.0"),
        # choosealicense.com's slugs are ids: one that is none names no license
        ("https://choosealicense.com/licenses/other/", "NOASSERTION"),
        # terms a link's text gives bind the part its clause names
        (
            "Posts are subject to the [Forum Terms of Service](https://forum.example/tos);"
            " the labels are released under CC BY 4.0.",
            "LicenseRef-forum-tos AND CC-BY-4.0",
        ),
        # R's "or later"; CeCILL's French title; a ScanCode name without its alias and date,
        # or without the "Terms" after its license noun
        ("EUPL (>= 1.1)", "EUPL-1.1+"),
        ("Contrat de licence de logiciel libre CeCILL version 2.1", "CECILL-2.1"),
        ("Montreal Data License", "LicenseRef-scancode-mdl-2021"),
        ("Microsoft Research License", "LicenseRef-scancode-ms-research-license-terms"),
        # a source file's SPDX tag; a license and its exception both named
        ("// SPDX-License-Identifier: Apache-2.0 WITH SHL-2.1", "Apache-2.0 WITH SHL-2.1"),
        ("Licensed under Apache-2.0 WITH SHL-2.1.", "Apache-2.0 WITH SHL-2.1"),
        # a non-commercial rider in CC's abbreviation; a name whose alias names another license
        ("gpl-3.0-nc", "NOASSERTION"),
        ("Creative Commons Attribution 4.0 (CC BY-SA 4.0)", "NOASSERTION"),
        ("GNU General Public License v3 (GPL-3.0)", "GPL-3.0-only"),
        # terms a title gives a part, after "must abide by" or "bound by"
        (
            "The labels are CC BY 4.0. Use of the photos must abide by the Flickr Terms of Use.",
            "CC-BY-4.0 AND LicenseRef-Flickr-Terms-of-Use",
        ),
        (
            "Dual-licensed under the Unlicense and MIT; pick whichever you prefer.",
            "Unlicense OR MIT",
        ),
        ("GNU Afero GPL v3", "AGPL-3.0-only"),
        ("Se distribuye bajo la Licencia Pública General de GNU v3.0.", "GPL-3.0-only"),
        ("MIT/X11", "MIT"),
        ("FreeType License", "FTL"),
        ('MPL-2.0 ("Incompatible With Secondary Licenses")', "MPL-2.0-no-copyleft-exception"),
        ("https://github.com/example/tool/blob/main/UNLICENSE", "Unlicense"),
        # a ScanCode name written out: a company's joined name apart, "TOS" in words, and
        # a known title's words after "for"
        ("Hugging Face Terms of Service", "LicenseRef-scancode-huggingface-tos-20220915"),
        ("other-the-stack-terms-of-use", "LicenseRef-scancode-the-stack-tos-2023-07"),
        (
            "The data is governed by the NVIDIA Data Agreement for Model Training.",
            "LicenseRef-scancode-nvidia-model-training-2025",
        ),
        # the Korea Open Government License's four types, in English, Korean, a slug, a link
        ("KOGL Type 1 (Korea Open Government License)", "LicenseRef-KOGL-Type-1"),
        ("공공누리 제2유형", "LicenseRef-KOGL-Type-2"),
        ("other-kogl-type-3", "LicenseRef-KOGL-Type-3"),
        ("https://www.kogl.or.kr/info/licenseType4.do", "LicenseRef-KOGL-Type-4"),
        ("KOGL", "NOASSERTION"),  # which type?
        # an abbreviation's stop ends no sentence ("U.S. Government works")
        (
            "Data derived from U.S. Government works is in the public domain.",
            "LicenseRef-scancode-us-govt-public-domain",
        ),
        # a title a part is under, in a list or after "except"
        (
            "MIT (code), Mistral AI Research License (weights)",
            "MIT AND LicenseRef-Mistral-AI-Research-License",
        ),
        ("Apache 2.0 (code), Model License (weights)", "NOASSERTION"),
        (
            "MIT License, except for the images which are subject to the Flickr terms of use.",
            "MIT AND LicenseRef-Flickr-terms-of-use",
        ),
        # a publisher's name and a license noun, where the LicenseDB holds several of its
        # licenses; as other-<name>, the Hub's form, it is the license the author means
        ("Stability AI License", "NOASSERTION"),
        ("Responsible AI License (RAIL)", "NOASSERTION"),
        ("other-amazon-license", "LicenseRef-amazon-license"),
        ("Llama Community License", "NOASSERTION"),
        ("View license", "NOASSERTION"),  # a page's button
        # the German deed's hyphen, German "or later", the EUPL's notice, EDL 1.0 (BSD-3-Clause)
        ("Namensnennung - Nicht-kommerziell 4.0 International", "CC-BY-NC-4.0"),
        ("Lizenz: LGPL-3.0 oder neuer", "LGPL-3.0-or-later"),
        (
            "Licensed under the EUPL, Version 1.1 or – as soon they will be approved by the"
            " European Commission - subsequent versions of the EUPL",
            "EUPL-1.1+",
        ),
        ("Eclipse Distribution License - v 1.0", "BSD-3-Clause"),
        ("CCO-1.0", "CC0-1.0"),
        ("MsPL", "MS-PL"),
        ("publicdomain", "LicenseRef-scancode-public-domain"),
        ("Apache 2.0, but it may not be used for commercial purposes.", "NOASSERTION"),
        # a misspelt word mended where many names spell it and a name's word stands beside it
        # (or the value is that one word); never at a word's ends, never inside a link
        ("The data is released under the GNU Genral Public License version 3", "GPL-3.0-only"),
        ("Open Databse License", "ODbL-1.0"),
        ("License: Pubic Domain", "LicenseRef-scancode-public-domain"),
        ("unlicsense", "Unlicense"),
        ("This dataset is unlicensed.", "NOASSERTION"),
        ("https://github.com/madler/zlib/blob/master/LICENSE", "LicenseRef-madler-zlib-LICENSE"),
        # parts under their own licenses, named each with a colon: a title is that part's
        (
            "Code: Apache-2.0; model weights: Yi Series Models Community License",
            "Apache-2.0 AND LicenseRef-Yi-Series-Models-Community-License",
        ),
        ("Code: MIT; weights: see the model card", "NOASSERTION"),
        (
            "Font files are distributed under their respective licenses (mostly OFL 1.1).",
            "NOASSERTION",
        ),
        ("WTF Public License", "WTFPL"),
        ("Vim Charityware License", "Vim"),
        ("Licencia Pública del Proyecto LaTeX, versión 1.3c", "LPPL-1.3c"),
        ("License: Public domain (NCBI Public Domain Notice)", "NCBI-PD"),
        # a title before "apply to" binds that part; "These Terms" name none of their own
        (
            "The Common Crawl Terms of Use apply to the web data; our annotations are under CC0.",
            "LicenseRef-Common-Crawl-Terms-of-Use AND CC0-1.0",
        ),
        ("Code is MIT. These Terms apply to all users.", "MIT"),
        ("Creative Commons Attribution 4.0 International (CC BY-NC 4.0)", "NOASSERTION"),
        ("GNU 일반 공중 사용 허가서 버전 2 이상", "GPL-2.0-or-later"),
        ("GNU GPL v3 + CC BY-SA 4.0", "GPL-3.0-only AND CC-BY-SA-4.0"),
        ("BSD-2-Clause-FreeBSD", "BSD-2-Clause-Views"),
        ("nvidia-license", "NOASSERTION"),
        (
            "Fonts are under the OFL or the Apache License 2.0, depending on the family.",
            "NOASSERTION",
        ),
        # GFDL's variant as a slug; a distributor's name between "distributed" and "under"
        ("gfdl-1.3-no-cover-texts-no-invariant-sections", "GFDL-1.3-no-invariants-only"),
        (
            "The corpus is distributed by the Linguistic Data Consortium under the LDC User"
            " Agreement for Non-Members.",
            "LicenseRef-LDC-User-Agreement",
        ),
        # a name of fourteen words, inside a longer text
        (
            "Do What The F*ck You Want To But It's Not My Fault Public License (WTFNMFPL-1.0)",
            "WTFNMFPL",
        ),
    ],
)
def test_general_readings_of_links_names_and_exceptions(raw: str, expected: str) -> None:
    result = normalize_license(raw)
    assert result.spdx == expected
    if "://" in raw or " with " in raw or ";" in raw:  # links and prose are never certain
        assert not result.certain


@pytest.mark.parametrize(
    "raw",
    [
        "Modified OpenRAIL++-M",
        "Altered GPLv3",
        "MIT with Acme's restrictions",
        "A license based on Apache-2.0",
        "Research-only version of the CC BY 4.0 license",
        "No license given; the photos are CC BY 2.0",
        "We do not relicense the recordings, which are CC0",
        "<your-license>",
        "Write to legal@acme.example for a license",
        "license_id",
        "MIT License with an additional notice requirement",
        "Apache 2.0 + research-only clause",
        "CC BY-SA 4.0 (amended)",
        "OFL-1.1 variant",
        "Similar to BSD but without the disclaimer",
        "No formal license. Photos: CC BY 2.0",
        "The audio files carry no license; the transcripts are CC0.",
        "BSD License",  # a family: a shortened ScanCode name never stands in for its member
        "other-cmu",  # an organisation, not the "CMU License" without its noun
        "Custom Apache 2.0",
        "Inspired by the Apache License 2.0",
        "End User License Agreement",  # a kind of agreement, no license named
        "Standard Software License",
        "Unicode",  # one plain word is corrected to no name without a license noun
        "Apache-2.0-like",
        "MIT, but commercial use is prohibited",
        "LGPLv3 + additional permissions",
        "There is no license yet; the code it wraps is BSD-3-Clause.",
        "License: n/a (the corpus is CC BY 4.0)",
        "Only the labels are ours; the original images are distributed under CC BY 2.0.",
        "The transcripts are new; the audio remains under its original public-domain status.",
        "modified-apache-2.0",  # a slug says it as plainly as words
        "customized_mit",
        # a bare word is a model family or a company as often as a license, unless it is one
        # license's name ("qwen" is the Qwen License, as Qwen's cards write license_name)
        "falcon",
        "nvidia",  # the publisher of fourteen
        "The dataset is released under the same license as the original.",
        # a part bound by terms whose title names no license: that part's license is unknown
        "The code is Apache-2.0; use of the weights must comply with the Model License.",
    ],
)
def test_modified_unlicensed_and_template_values_conclude_nothing(raw: str) -> None:
    result = normalize_license(raw)
    assert result.spdx == "NOASSERTION", result


def test_a_part_bound_by_the_license_already_named_is_that_license() -> None:
    # Apache's text calls itself "the License": no other terms are named
    found = normalize_license(
        "Licensed under the Apache License 2.0. The weights are subject to the License."
    )
    assert found.spdx == "Apache-2.0"


def test_a_title_after_licensed_under_that_no_reference_names_is_kept_as_a_licenseref() -> None:
    result = normalize_license("Distributed under the Acme Research License (ARL).")
    assert result.spdx == "LicenseRef-Acme-Research-License" and not result.certain


@pytest.mark.parametrize(
    "raw",
    [
        "Llama License",  # the stem of several Hub ids (llama2, llama3, ...)
        "Qt License",  # the ScanCode name so shortened is Qt's commercial agreement
        "Anti License",  # "Anti 996 License 1.0" does not come down to "anti"
    ],
)
def test_a_word_license_names_no_scancode_license_it_does_not_come_down_to(raw: str) -> None:
    assert not normalize_license(raw).spdx.startswith("LicenseRef-scancode-")


@pytest.mark.parametrize("raw", ["other-nokia", "other-mit"])
def test_one_word_after_other_is_never_certain(raw: str) -> None:
    # an organisation and a license may share the word: the conclusion stays, as a guess
    result = normalize_license(raw)
    assert result.spdx != "NOASSERTION"
    assert (result.certain, result.basis) == (False, "one word after other-")


def test_one_word_after_other_that_publishes_several_licenses_names_none() -> None:
    # "Intel Open Source License" is SPDX's Intel; ScanCode keys intel-acpi, intel-bsd, ...
    # are Intel's too (batch 84): the word is the publisher's name, not one license
    assert normalize_license("other-intel").spdx == "NOASSERTION"
    # ... and the publisher's name with a license noun, where the LicenseDB gave one of its
    # licenses that title ("NVIDIA License", beside nvidia-2002, nvidia-apex-sdk-eula, ...)
    assert normalize_license("other-nvidia-license").spdx == "NOASSERTION"
    assert normalize_license("other-mit-license").spdx == "MIT"  # an SPDX name stays


def test_a_word_that_is_a_whole_license_name_is_not_given_to_a_longer_one() -> None:
    # ScanCode's "NVIDIA License" is one license; its "NVIDIA 2002 License" (SPDX AML-glslang)
    # is another, so "NVIDIA License" is not the shortened 2002 one
    result = normalize_license("NVIDIA License")
    assert result.spdx != "AML-glslang"
    assert not result.certain


def test_a_name_of_several_licenses_is_refused_with_the_value_named_once() -> None:
    (finding,) = normalize_license("Python License").findings
    assert finding.message.count("Python License") == 1
    assert "several licenses or versions" in finding.message


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("MIT 0", "MIT-0"),  # was MIT: the longest name in the words
        ("BSD 3 Clause Attribution", "BSD-3-Clause-Attribution"),  # was BSD-3-Clause
        ("bsd_2_clause_patent", "BSD-2-Clause-Patent"),
    ],
)
def test_an_spdx_id_written_with_spaces_is_that_id_inferred(raw: str, expected: str) -> None:
    result = normalize_license(raw)
    assert (result.spdx, result.basis, result.certain) == (expected, "id with spaces", False)


def test_a_scancode_key_written_with_spaces_is_prose_not_that_key() -> None:
    # ScanCode's key see-license is a license-like word; "See LICENSE" names no license
    assert normalize_license("See LICENSE").spdx == "NOASSERTION"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("AAL license", "AAL"), ("Glide license", "Glide"), ("MIT-0 License", "MIT-0")],
)
def test_an_spdx_id_and_the_word_license_is_that_id(raw: str, expected: str) -> None:
    # was a minted LicenseRef-AAL-license (a title), or an inferred reading
    result = normalize_license(raw)
    assert (result.spdx, result.basis, result.certain) == (
        expected,
        "id and the word license",
        True,
    )


@pytest.mark.parametrize("raw", ["TPL-1.0 license", "TPL 1.0", "Intel license"])
def test_an_id_that_spdx_and_scancode_spell_for_two_licenses_is_refused(raw: str) -> None:
    # SPDX's TPL-1.0 is the THOR Public License, ScanCode's key tpl-1.0 the Terracotta one:
    # 'TPL 1.0' was LicenseRef-scancode-tpl-1.0, marked certain
    result = normalize_license(raw)
    assert result.spdx == "NOASSERTION"
    assert "another license by ScanCode's key" in result.findings[0].message


def test_the_full_scancode_name_of_a_clashing_key_still_names_that_license() -> None:
    # only the key's spelling ("TPL 1.0") names either license; the full name names one
    result = normalize_license("Terracotta Public License 1.0")
    assert (result.spdx, result.certain) == ("LicenseRef-scancode-tpl-1.0", True)


@pytest.mark.parametrize(
    ("kogl", "commercial", "derivatives"),
    [("1", True, True), ("2", False, None), ("3", True, False), ("4", False, None)],
)
def test_each_korea_open_government_license_type_is_classified_by_its_terms(
    kogl: str, commercial: bool, derivatives: bool | None
) -> None:
    found = classify(normalize_license(f"KOGL Type {kogl}").spdx)
    assert (found.commercial_use, found.derivatives) == (commercial, derivatives)
