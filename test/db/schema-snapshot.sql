-- Podium schema snapshot. Regenerate: UPDATE_SCHEMA_SNAPSHOT=1 npx vitest run test/db/schema.test.ts
-- user_version 8
-- migration 1 sha256 3331e994c398cc3781ec6073f8db1ae46369a041772f2bf106d34bc7e5c73be5
-- migration 2 sha256 c766bc20ba1dd2a33096b896bfd149a38190fa88756b19e4b83ff776833b415c
-- migration 3 sha256 ded915b7cd42df262c33edd08c4d059af75cffca25d79ab66d08ea75cbdff500
-- migration 4 sha256 8a3406cdcd49d1e5046cb75529935a28ac769aa863e2c9f5c9c51fc919ac47c4
-- migration 5 sha256 bce8554eb90c2ae85e1c66e21d6e9252ca13ed9f96cec8c94d5a267ed4b65b20
-- migration 6 sha256 853bc3e88c4d203626de5621ece5b8e10c3fb43b5353baa715639bd579bc67f9
-- migration 7 sha256 c24f7ee3bee34e5811b5890ffed7206e34fe327fed9844ebb41e7f4c8d409568
-- migration 8 sha256 d3f52d062cbba35deba259605298ed4480646f35f8d407dc3d0cb33da2581461

-- index audit_by_challenge
CREATE INDEX audit_by_challenge ON audit_log(challenge_id, id);

-- index submissions_lease
CREATE INDEX submissions_lease ON submissions(lease_owner);

-- index submissions_team
CREATE INDEX submissions_team ON submissions(team_id);

-- index wild_dialogs_bot
CREATE INDEX wild_dialogs_bot ON wild_dialogs(bot_id, status);

-- table audit_log
CREATE TABLE audit_log (
  id           INTEGER PRIMARY KEY,
  at           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  challenge_id INTEGER REFERENCES challenges(id) ON DELETE CASCADE,
  team_id      INTEGER REFERENCES teams(id) ON DELETE CASCADE,
  action       TEXT NOT NULL,
  detail       TEXT NOT NULL DEFAULT ''
);

-- table bots
CREATE TABLE bots (
  id            INTEGER PRIMARY KEY,        -- also the bot's Telegram user id (`from.id`)
  token         TEXT NOT NULL UNIQUE,
  team_id       INTEGER REFERENCES teams(id) ON DELETE SET NULL,
  name          TEXT NOT NULL,
  invalid_count INTEGER NOT NULL DEFAULT 0, -- refused sendMessage calls; blocked at the limit
  created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
, last_poll_at TEXT);

-- table challenges
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

-- table duplicate_decisions
CREATE TABLE duplicate_decisions (
  team_id     INTEGER PRIMARY KEY REFERENCES teams(id) ON DELETE CASCADE,
  decision    TEXT NOT NULL CHECK (decision IN ('distinct', 'exclude')),
  fingerprint TEXT NOT NULL,
  decided_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

-- table evaluations
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
  created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), params_json TEXT, warnings_json TEXT,
  UNIQUE (submission_id, task, domain)
);

-- table examples
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

-- table submissions
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
, lease_owner TEXT, lease_pid INTEGER, lease_host TEXT, lease_holder TEXT, lease_expires_at INTEGER);

-- table teams
CREATE TABLE teams (
  id             INTEGER PRIMARY KEY,
  challenge_id   INTEGER NOT NULL REFERENCES challenges(id) ON DELETE CASCADE,
  name           TEXT NOT NULL,
  repo           TEXT NOT NULL,
  contact        TEXT NOT NULL DEFAULT '',
  anon_id        TEXT NOT NULL,
  is_baseline    INTEGER NOT NULL DEFAULT 0,
  flagged_reason TEXT,
  created_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), prediction_refs_json TEXT, prediction_choices_json TEXT,
  UNIQUE (challenge_id, name),
  UNIQUE (challenge_id, anon_id)
);

-- table wild_dialogs
CREATE TABLE "wild_dialogs" (
  id                    INTEGER PRIMARY KEY,
  chat_id               INTEGER NOT NULL UNIQUE,
  bot_id                INTEGER NOT NULL REFERENCES bots(id) ON DELETE CASCADE,
  profile_json          TEXT NOT NULL,
  opponent_profile_json TEXT,
  bot_choice            INTEGER CHECK (bot_choice IN (0, 1)),
  status                TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  close_reason          TEXT CHECK (close_reason IN ('ended', 'inactivity', 'utterance-limit', 'invalid-limit')),
  started_at            TEXT NOT NULL,
  last_activity_at      TEXT NOT NULL,
  closed_at             TEXT,
  CHECK ((opponent_profile_json IS NULL) = (bot_choice IS NULL)),
  CHECK ((status = 'open') = (close_reason IS NULL))
);

-- table wild_messages
CREATE TABLE "wild_messages" (
  dialog_id            INTEGER NOT NULL REFERENCES "wild_dialogs"(id) ON DELETE CASCADE,
  message_id           INTEGER NOT NULL,
  sender               TEXT NOT NULL CHECK (sender IN ('human', 'bot')),
  text                 TEXT NOT NULL,
  sent_at              TEXT NOT NULL,
  update_id            INTEGER UNIQUE,
  delivered_at         TEXT,
  msg_evaluation_json  TEXT,
  evaluation           INTEGER CHECK (evaluation IN (0, 1)),
  evaluated_by         INTEGER,
  PRIMARY KEY (dialog_id, message_id),
  CHECK (sender = 'human' OR (update_id IS NULL AND evaluation IS NULL)),
  CHECK (sender = 'bot' OR msg_evaluation_json IS NULL)
) WITHOUT ROWID;

-- table wild_ratings
CREATE TABLE "wild_ratings" (
  dialog_id        INTEGER PRIMARY KEY REFERENCES "wild_dialogs"(id) ON DELETE CASCADE,
  quality          INTEGER NOT NULL CHECK (quality BETWEEN 1 AND 5),
  roleplay_choice  INTEGER CHECK (roleplay_choice IN (0, 1)),
  roleplay_correct INTEGER CHECK (roleplay_correct IN (0, 1)),
  rated_at         TEXT NOT NULL,
  CHECK ((roleplay_choice IS NULL) = (roleplay_correct IS NULL))
);

-- table wild_server
CREATE TABLE wild_server (
  id           INTEGER PRIMARY KEY CHECK (id = 1),
  port         INTEGER NOT NULL,
  challenge_id INTEGER REFERENCES challenges(id) ON DELETE SET NULL,
  started_at   TEXT NOT NULL
);

-- table witnesses
CREATE TABLE witnesses (
  id           INTEGER PRIMARY KEY,
  team_id      INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
  tag          TEXT NOT NULL,
  tag_object   TEXT,
  commit_sha   TEXT,
  seen_at      TEXT NOT NULL,
  error        TEXT
);
