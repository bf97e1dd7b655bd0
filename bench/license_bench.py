"""License normalisation: accuracy on licenses-dev.tsv and throughput, beside license-expression.

    .venv/bin/python bench/license_bench.py [--lookups 500000] [--tsv PATH]

Input: the raw strings of licenses-dev.tsv, of tests/data/licenses-*.tsv, and every license value
of the corpus cards (when ../shared is present), as one pool of distinct strings. Figures:
- accuracy on the TSV, scored as its README says (bench/license_eval.py), for mlassets and for
  `license_expression.get_spdx_licensing().validate` alone, in the same run;
- load: the first call, which reads the vendored SPDX list and ScanCode index and builds the
  name and URL indexes;
- cold: every distinct string normalised once with the result cache cleared (uncached);
- warm: `--lookups` calls drawn round-robin from the pool once it is cached (the issue's
  "results cached per distinct string");
- license-expression's validate on the same pool (it has no cache of its own).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from license_eval import DEFAULT_TSV, anchor, correct, rows  # noqa: E402

EXTRA = sorted((Path(__file__).resolve().parents[1] / "tests" / "data").glob("licenses-*.tsv"))


def pool(tsv: Path) -> list[str]:
    strings = [raw for raw, _, _ in rows(tsv)] if tsv.exists() else []
    strings += [raw for path in EXTRA for raw, _, _ in rows(path)]
    corpus = tsv.parents[1] / "corpus"
    if corpus.is_dir():
        from mlassets.documents.card import read_card
        from mlassets.licenses.conclude import declared_strings

        for path in sorted(corpus.rglob("*.md")):
            try:
                metadata = read_card(path).metadata or {}
            except Exception:  # an unreadable corpus file is not this benchmark's subject
                continue
            strings += declared_strings(metadata)
    return list(dict.fromkeys(strings))


def _cpu(since: float) -> str:
    """CPU time (user + system) of this process since `since`, printed beside wall time: on a
    shared machine the wall time alone says as much about the neighbours as about the code."""
    return f" (cpu {1000 * (time.process_time() - since):.0f} ms)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tsv", type=Path, default=DEFAULT_TSV)
    parser.add_argument("--lookups", type=int, default=500_000)
    args = parser.parse_args()
    from mlassets.licenses import normalize_license

    start, cpu = time.perf_counter(), time.process_time()
    normalize_license("Apache License 2.0 or MIT")  # load the vendored lists and indexes
    normalize_license("Mozila Public License 2.0")  # the fuzzy matcher's choices
    normalize_license("https://example.org/LICENSE")  # the URL index
    load = 1000 * (time.perf_counter() - start)
    print(f"load: {load:.0f} ms{_cpu(cpu)} (first calls, indexes built)")
    strings = pool(args.tsv)
    if not strings:
        print("no input: ../shared is absent", file=sys.stderr)
        return 2
    print(f"pool: {len(strings)} distinct strings")

    for path in [args.tsv, *EXTRA] if args.tsv.exists() else EXTRA:
        data = rows(path)
        results = [(normalize_license(r), e, n) for r, e, n in data]
        ours = sum(correct(res.spdx, e, n) for res, e, n in results)
        wrong_certain = sum(res.certain and not correct(res.spdx, e, n) for res, e, n in results)
        theirs = sum(correct(anchor(r), e, n) for r, e, n in data)
        print(f"accuracy, {path.name} ({len(data)} strings):")
        print(f"  mlassets           {ours}/{len(data)} = {100 * ours / len(data):.1f}%")
        print(f"  wrong but certain  {wrong_certain}")
        print(f"  license-expression {theirs}/{len(data)} = {100 * theirs / len(data):.1f}%")

    normalize_license.cache_clear()
    start, cpu = time.perf_counter(), time.process_time()
    for raw in strings:
        normalize_license(raw)
    cold = time.perf_counter() - start
    print(
        f"cold: {len(strings)} distinct strings in {cold * 1000:.0f} ms{_cpu(cpu)} = "
        f"{len(strings) / cold:,.0f} strings/s (nothing cached; reference lists loaded)"
    )

    start, cpu = time.perf_counter(), time.process_time()
    for i in range(args.lookups):
        normalize_license(strings[i % len(strings)])
    warm = time.perf_counter() - start
    print(
        f"warm: {args.lookups:,} lookups in {warm:.3f} s{_cpu(cpu)} = "
        f"{args.lookups / warm:,.0f} strings/s"
    )

    anchor(strings[0])  # load license-expression's index outside the timing
    rounds = max(1, 20_000 // len(strings))
    start, cpu = time.perf_counter(), time.process_time()
    for _ in range(rounds):
        for raw in strings:
            anchor(raw)
    theirs_time = time.perf_counter() - start
    count = rounds * len(strings)
    print(
        f"license-expression validate: {count:,} calls in {theirs_time:.3f} s{_cpu(cpu)} = "
        f"{count / theirs_time:,.0f} strings/s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
