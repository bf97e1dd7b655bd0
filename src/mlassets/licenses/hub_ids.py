"""Hub license ids and the expression mlassets concludes for each.

The ids are the vendored Hub list (`mlassets/vocab/hub-licenses.json`). The convention is the one
in the project's reference notes (hf-licenses.md): SPDX ids as SPDX spells them; deprecated
GPL-family ids as `-only`; `LicenseRef-scancode-<key>` for licenses in the ScanCode LicenseDB;
`LicenseRef-hf-<id>` for other Hub licenses; None (NOASSERTION) for ids that name a family without
a version, and for placeholders.
"""

from __future__ import annotations

from mlassets.licenses.spdx_list import spdx_list
from mlassets.vocab import hub_license_ids, load_vocabulary

# Hub ids that name a family, not a license: concluding a version would be a guess.
HUB_FAMILIES: dict[str, str] = {
    "openrail": "the OpenRAIL family (which RAIL license?)",
    "bsd": "the BSD family (2-clause, 3-clause or 4-clause?)",
    "cc": "the Creative Commons family (which license and version?)",
    "gpl": "the GNU GPL family (which version?)",
    "lgpl": "the GNU LGPL family (which version?)",
    "gfdl": "the GNU FDL family (which version?)",
}

HUB_PLACEHOLDERS = frozenset({"unknown", "other"})

# Only the ids whose conclusion is not the id itself as the SPDX list spells it: deprecated SPDX
# ids, ids SPDX spells differently, and licenses that are not on the SPDX list at all.
_CONCLUSIONS: dict[str, str] = {
    "bigscience-openrail-m": "LicenseRef-scancode-bigscience-open-rail-m",
    "creativeml-openrail-m": "LicenseRef-scancode-stable-diffusion-2022-08-22",
    "bigscience-bloom-rail-1.0": "LicenseRef-scancode-bigscience-rail-1.0",
    "bigcode-openrail-m": "LicenseRef-scancode-bigcode-open-rail-m-v1",
    "c-uda": "C-UDA-1.0",
    "agpl-3.0": "AGPL-3.0-only",
    "gpl-2.0": "GPL-2.0-only",
    "gpl-3.0": "GPL-3.0-only",
    "lgpl-2.1": "LGPL-2.1-only",
    "lgpl-3.0": "LGPL-3.0-only",
    "h-research": "LicenseRef-hf-h-research",
    "intel-research": "LicenseRef-hf-intel-research",
    "apple-ascl": "LicenseRef-hf-apple-ascl",
    "apple-amlr": "LicenseRef-hf-apple-amlr",
    "odc-by": "ODC-By-1.0",
    "odbl": "ODbL-1.0",
    "openmdw-1.1": "LicenseRef-hf-openmdw-1.1",
    "openrail++": "LicenseRef-scancode-bigscience-open-rail-m2",
    "pddl": "PDDL-1.0",
    "lgpl-lr": "LGPLLR",
    "deepfloyd-if-license": "LicenseRef-hf-deepfloyd-if-license",
    "fair-noncommercial-research-license": "LicenseRef-hf-fair-noncommercial-research-license",
    "llama2": "LicenseRef-scancode-llama-2-license-2023",
    "llama3": "LicenseRef-hf-llama3",
    "llama3.1": "LicenseRef-scancode-llama-3.1-license-2024",
    "llama3.2": "LicenseRef-scancode-llama-3.2-license-2024",
    "llama3.3": "LicenseRef-scancode-llama-3.3-license-2024",
    "llama4": "LicenseRef-scancode-llama-4-cla-2025",
    "grok2-community": "LicenseRef-hf-grok2-community",
    "gemma": "LicenseRef-hf-gemma",
}


def _conclusions() -> dict[str, str]:
    # An id with no rule here and no current SPDX entry is left out on purpose: it concludes
    # NOASSERTION, and the test over the vocabulary names it, rather than a guessed expression.
    table: dict[str, str] = {}
    for hub_id in hub_license_ids():
        if hub_id in HUB_FAMILIES or hub_id in HUB_PLACEHOLDERS:
            continue
        spdx = _CONCLUSIONS.get(hub_id) or spdx_list().current(hub_id)
        if spdx is not None:
            table[hub_id] = spdx
    return table


HUB_TO_SPDX: dict[str, str] = _conclusions()

# The Hub's display name for each id, as its documentation lists them beside the ids (the vendored
# list's labels). A card that writes the name instead of the id means the same license.
HUB_NAMES: dict[str, str] = {
    name: ident
    for ident, name in load_vocabulary("hub-licenses").labels
    if ident not in HUB_PLACEHOLDERS  # "Unknown" and "Other" name no license
}
