-- Podium schema, version 1.
CREATE TABLE challenges (
  id          INTEGER PRIMARY KEY,
  slug        TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('simmc', 'convai2')),
  deadline    TEXT NOT NULL,             -- ISO instant with its zone offset
  entry_tag   TEXT NOT NULL,
  config_json TEXT NOT NULL,             -- ChallengeConfig: categories, priorities, files, globs
  anon_seed   TEXT NOT NULL,             -- secret seed of the anonymous-id shuffle
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE teams (
  id             INTEGER PRIMARY KEY,
  challenge_id   INTEGER NOT NULL REFERENCES challenges(id) ON DELETE CASCADE,
  name           TEXT NOT NULL,
  repo           TEXT NOT NULL,
  contact        TEXT NOT NULL DEFAULT '',
  anon_id        TEXT NOT NULL,
  is_baseline    INTEGER NOT NULL DEFAULT 0,
  flagged_reason TEXT,
  created_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  UNIQUE (challenge_id, name),
  UNIQUE (challenge_id, anon_id)
);

CREATE TABLE submissions (
  id                 INTEGER PRIMARY KEY,
  team_id            INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
  tag                TEXT NOT NULL,
  resolved_commit    TEXT,
  predictions_commit TEXT,
  status             TEXT NOT NULL DEFAULT 'pending'
                     CHECK (status IN ('pending', 'fetching', 'validating', 'scoring', 'done', 'failed')),
  status_code        TEXT,
  status_reason      TEXT,
  report_json        TEXT,               -- the intake CheckReport
  created_at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX submissions_team ON submissions(team_id);

CREATE TABLE evaluations (
  id            INTEGER PRIMARY KEY,
  submission_id INTEGER NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
  task          TEXT NOT NULL,
  domain        TEXT NOT NULL,
  single_round  INTEGER NOT NULL,
  n             INTEGER NOT NULL,
  metrics_json  TEXT NOT NULL,
  stderr_json   TEXT NOT NULL,
  coverage_json TEXT NOT NULL,
  confusion_json TEXT,
  input_sha256  TEXT NOT NULL,           -- hash of the prediction file scored
  created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  UNIQUE (submission_id, task, domain)
);

CREATE TABLE examples (
  evaluation_id INTEGER NOT NULL REFERENCES evaluations(id) ON DELETE CASCADE,
  idx           INTEGER NOT NULL,
  dialog_id     TEXT NOT NULL,
  turn          INTEGER NOT NULL,
  gold          TEXT NOT NULL,
  prediction    TEXT NOT NULL,
  score         REAL NOT NULL,
  detail_json   TEXT,
  PRIMARY KEY (evaluation_id, idx)
) WITHOUT ROWID;

CREATE TABLE witnesses (
  id           INTEGER PRIMARY KEY,
  team_id      INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
  tag          TEXT NOT NULL,
  tag_object   TEXT,
  commit_sha   TEXT,
  seen_at      TEXT NOT NULL,
  error        TEXT
);

CREATE TABLE audit_log (
  id           INTEGER PRIMARY KEY,
  at           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  challenge_id INTEGER REFERENCES challenges(id) ON DELETE CASCADE,
  team_id      INTEGER REFERENCES teams(id) ON DELETE CASCADE,
  action       TEXT NOT NULL,
  detail       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_by_challenge ON audit_log(challenge_id, id);
