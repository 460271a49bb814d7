-- Podium schema, version 2: the ConvAI2 wild evaluation (src/main/convai2, db/convai2.ts).
-- Instants are ISO strings from the wild server's clock (injectable in tests).

-- A bot connected through the simplified Telegram Bot API; one token per bot.
CREATE TABLE bots (
  id            INTEGER PRIMARY KEY,        -- also the bot's Telegram user id (`from.id`)
  token         TEXT NOT NULL UNIQUE,
  team_id       INTEGER REFERENCES teams(id) ON DELETE SET NULL,
  name          TEXT NOT NULL,
  invalid_count INTEGER NOT NULL DEFAULT 0, -- refused sendMessage calls; blocked at the limit
  created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

-- One private chat between an evaluator and a bot.
CREATE TABLE wild_dialogs (
  id                    INTEGER PRIMARY KEY,
  chat_id               INTEGER NOT NULL UNIQUE,  -- Telegram chat id the bot sees
  bot_id                INTEGER NOT NULL REFERENCES bots(id) ON DELETE CASCADE,
  profile_json          TEXT NOT NULL,            -- the bot's profile lines (sent after /start)
  opponent_profile_json TEXT,                     -- the decoy profile of the role-play question
  bot_choice            INTEGER CHECK (bot_choice IN (0, 1)), -- where the bot's profile is shown
  status                TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  close_reason          TEXT CHECK (close_reason IN ('ended', 'inactivity', 'utterance-limit')),
  started_at            TEXT NOT NULL,
  last_activity_at      TEXT NOT NULL,
  closed_at             TEXT,
  CHECK ((opponent_profile_json IS NULL) = (bot_choice IS NULL)),
  CHECK ((status = 'open') = (close_reason IS NULL))
);
CREATE INDEX wild_dialogs_bot ON wild_dialogs(bot_id, status);

-- Every utterance of a dialog, both sides; message_id counts from 0 per chat.
CREATE TABLE wild_messages (
  dialog_id            INTEGER NOT NULL REFERENCES wild_dialogs(id) ON DELETE CASCADE,
  message_id           INTEGER NOT NULL,
  sender               TEXT NOT NULL CHECK (sender IN ('human', 'bot')),
  text                 TEXT NOT NULL,
  sent_at              TEXT NOT NULL,
  update_id            INTEGER UNIQUE,            -- human messages: the update carrying it to the bot
  delivered_at         TEXT,                      -- human messages: when getUpdates returned it
  msg_evaluation_json  TEXT,                      -- bot messages: msg_evaluation as sent
  evaluation           INTEGER CHECK (evaluation IN (0, 1)), -- human messages: the bot's score
  evaluated_by         INTEGER,                   -- message_id of the bot message that scored it
  PRIMARY KEY (dialog_id, message_id),
  CHECK (sender = 'human' OR (update_id IS NULL AND evaluation IS NULL)),
  CHECK (sender = 'bot' OR msg_evaluation_json IS NULL)
) WITHOUT ROWID;

-- The evaluator's verdict at the end of a dialog.
CREATE TABLE wild_ratings (
  dialog_id        INTEGER PRIMARY KEY REFERENCES wild_dialogs(id) ON DELETE CASCADE,
  quality          INTEGER NOT NULL CHECK (quality BETWEEN 1 AND 5),
  roleplay_choice  INTEGER CHECK (roleplay_choice IN (0, 1)),  -- the profile the evaluator picked
  roleplay_correct INTEGER CHECK (roleplay_correct IN (0, 1)), -- picked the bot's own profile
  rated_at         TEXT NOT NULL,
  CHECK ((roleplay_choice IS NULL) = (roleplay_correct IS NULL))
);
