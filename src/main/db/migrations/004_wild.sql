-- Podium schema: the wild evaluation, second step (src/main/convai2, db/convai2.ts).
-- 1. A dialog can end because its bot was blocked ('invalid-limit'). SQLite cannot change a
--    CHECK in place, so the three dialog tables are rebuilt: the new copies are filled, the old
--    ones dropped children first (nothing cascades), and the renames repoint the foreign keys.
-- 2. bots.last_poll_at: the last getUpdates call, so a bot that never connected is not "active".
-- 3. wild_server: the Bot API server that should run (restarted with the console).

CREATE TABLE wild_dialogs_v7 (
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
INSERT INTO wild_dialogs_v7 SELECT id, chat_id, bot_id, profile_json, opponent_profile_json, bot_choice, status,
  close_reason, started_at, last_activity_at, closed_at FROM wild_dialogs;

CREATE TABLE wild_messages_v7 (
  dialog_id            INTEGER NOT NULL REFERENCES wild_dialogs_v7(id) ON DELETE CASCADE,
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
INSERT INTO wild_messages_v7 SELECT dialog_id, message_id, sender, text, sent_at, update_id, delivered_at,
  msg_evaluation_json, evaluation, evaluated_by FROM wild_messages;

CREATE TABLE wild_ratings_v7 (
  dialog_id        INTEGER PRIMARY KEY REFERENCES wild_dialogs_v7(id) ON DELETE CASCADE,
  quality          INTEGER NOT NULL CHECK (quality BETWEEN 1 AND 5),
  roleplay_choice  INTEGER CHECK (roleplay_choice IN (0, 1)),
  roleplay_correct INTEGER CHECK (roleplay_correct IN (0, 1)),
  rated_at         TEXT NOT NULL,
  CHECK ((roleplay_choice IS NULL) = (roleplay_correct IS NULL))
);
INSERT INTO wild_ratings_v7 SELECT dialog_id, quality, roleplay_choice, roleplay_correct, rated_at FROM wild_ratings;

DROP TABLE wild_ratings;
DROP TABLE wild_messages;
DROP TABLE wild_dialogs;
ALTER TABLE wild_dialogs_v7 RENAME TO wild_dialogs;
ALTER TABLE wild_messages_v7 RENAME TO wild_messages;
ALTER TABLE wild_ratings_v7 RENAME TO wild_ratings;
CREATE INDEX wild_dialogs_bot ON wild_dialogs(bot_id, status);

ALTER TABLE bots ADD COLUMN last_poll_at TEXT; -- last getUpdates call; NULL: never connected

-- At most one row: the server the console started and should start again after a restart.
CREATE TABLE wild_server (
  id           INTEGER PRIMARY KEY CHECK (id = 1),
  port         INTEGER NOT NULL,
  challenge_id INTEGER REFERENCES challenges(id) ON DELETE SET NULL,
  started_at   TEXT NOT NULL
);
