-- The organizer's decision on an entry flagged as a duplicate of another team's.
-- It holds while the entry still shares the same thing (fingerprint); a new duplicate asks again.
CREATE TABLE duplicate_decisions (
  team_id     INTEGER PRIMARY KEY REFERENCES teams(id) ON DELETE CASCADE,
  decision    TEXT NOT NULL CHECK (decision IN ('distinct', 'exclude')),
  fingerprint TEXT NOT NULL,
  decided_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
