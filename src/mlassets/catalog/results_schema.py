"""Schema version 2 of the catalog: evaluation results as first-class records.

- `results`: model and dataset (asset rowids; unknown ids become dangling assets), config,
  split, metric, value, and provenance: source (`model-index`, `eval-results`, `openml`, `csv`,
  `probe`), revision and fetch time. The key leads with the dataset, so a leaderboard is one
  range scan; `results_model` serves collaborative filtering (a model's other datasets).
- `dataset_features`: numeric features of a dataset (imported, OpenML qualities, card text).
- `metric_directions`: directions stated by users for metrics the registry does not know.
- `result_counts`: results per (metric, dataset), kept by every import: which datasets `select`
  can draw on without scanning `results`.
"""

RESULTS_SCHEMA = """
CREATE TABLE results (
    dataset INTEGER NOT NULL,
    metric TEXT NOT NULL,
    split TEXT NOT NULL DEFAULT '',
    config TEXT NOT NULL DEFAULT '',
    model INTEGER NOT NULL,
    source TEXT NOT NULL,
    value REAL NOT NULL,
    revision TEXT,
    fetched_at TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (dataset, metric, split, config, model, source)
) WITHOUT ROWID;
CREATE INDEX results_model ON results (model, dataset);
CREATE TABLE dataset_features (
    dataset INTEGER NOT NULL,
    name TEXT NOT NULL,
    value REAL NOT NULL,
    source TEXT NOT NULL,
    PRIMARY KEY (dataset, name)
) WITHOUT ROWID;
CREATE TABLE metric_directions (metric TEXT PRIMARY KEY, higher INTEGER NOT NULL);
CREATE TABLE result_counts (
    dataset INTEGER NOT NULL,
    metric TEXT NOT NULL,
    results INTEGER NOT NULL,
    PRIMARY KEY (metric, dataset)
) WITHOUT ROWID;
"""
