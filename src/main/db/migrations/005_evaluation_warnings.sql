-- Podium schema, version 4: what the organizer should know about how an evaluation's numbers
-- were obtained, stored with it as a JSON array of {"code", "message"}: duplicate predictions
-- counted as the official script counts them, dialogs matched by position, places where the
-- official script would fail. NULL (no warnings) for evaluations stored before.
ALTER TABLE evaluations ADD COLUMN warnings_json TEXT;
