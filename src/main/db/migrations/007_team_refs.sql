-- Podium schema: where each team's predictions live, and the organizer's choice between copies of a file.
-- prediction_refs_json: JSON array of refs (branch, tag or commit id) searched in order; NULL = the remote HEAD.
-- prediction_choices_json: JSON object {file name: path} picking one copy when a file is in several folders.
ALTER TABLE teams ADD COLUMN prediction_refs_json TEXT;
ALTER TABLE teams ADD COLUMN prediction_choices_json TEXT;
