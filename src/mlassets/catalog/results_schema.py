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

# 3: an all-integer results key (every string interned once in `result_names`), the view
# `results` with the version-2 columns for readers, and every dataset's unit-length standardised
# features, stored at feature import. Existing rows are carried over.
COMPACT_SCHEMA = """
CREATE TABLE result_names (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
INSERT OR IGNORE INTO result_names (name)
    SELECT metric FROM results UNION SELECT split FROM results UNION SELECT config FROM results
    UNION SELECT source FROM results UNION SELECT fetched_at FROM results
    UNION SELECT revision FROM results WHERE revision IS NOT NULL;
CREATE TABLE result_rows (
    dataset INTEGER NOT NULL,
    metric INTEGER NOT NULL,
    split INTEGER NOT NULL,
    config INTEGER NOT NULL,
    model INTEGER NOT NULL,
    source INTEGER NOT NULL,
    value REAL NOT NULL,
    revision INTEGER,
    fetched_at INTEGER NOT NULL,
    PRIMARY KEY (dataset, metric, split, config, model, source)
) WITHOUT ROWID;
INSERT INTO result_rows
    SELECT r.dataset, m.id, s.id, c.id, r.model, o.id, r.value, v.id, f.id FROM results r
    JOIN result_names m ON m.name = r.metric JOIN result_names s ON s.name = r.split
    JOIN result_names c ON c.name = r.config JOIN result_names o ON o.name = r.source
    JOIN result_names f ON f.name = r.fetched_at LEFT JOIN result_names v ON v.name = r.revision;
DROP TABLE results;
CREATE INDEX result_rows_model ON result_rows (model, dataset);
CREATE VIEW results AS
    SELECT r.dataset, m.name AS metric, s.name AS split, c.name AS config, r.model,
        o.name AS source, r.value, v.name AS revision, f.name AS fetched_at
    FROM result_rows r JOIN result_names m ON m.id = r.metric JOIN result_names s ON s.id = r.split
    JOIN result_names c ON c.id = r.config JOIN result_names o ON o.id = r.source
    JOIN result_names f ON f.id = r.fetched_at LEFT JOIN result_names v ON v.id = r.revision;
CREATE TABLE dataset_units (dataset INTEGER PRIMARY KEY, unit BLOB NOT NULL);
"""
