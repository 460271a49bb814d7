-- Podium schema: a lease on each submission, so that two processes on one data dir (`serve` and a CLI
-- `intake`, two terminals) never work on the same submission. A process claims a submission atomically,
-- renews the lease while it works and releases it when the submission is final; a lease whose holder died
-- (its pid is gone on this host) or that expired can be taken over, and the work resumes.
ALTER TABLE submissions ADD COLUMN lease_owner TEXT;         -- the holder's unique id (pid + random); NULL: nobody
ALTER TABLE submissions ADD COLUMN lease_pid INTEGER;        -- the holder's process id
ALTER TABLE submissions ADD COLUMN lease_host TEXT;          -- the holder's host name (pids are only checked on it)
ALTER TABLE submissions ADD COLUMN lease_holder TEXT;        -- who, in words: "podium serve (pid 1234)"
ALTER TABLE submissions ADD COLUMN lease_expires_at INTEGER; -- ms since the epoch; renewed while working
CREATE INDEX submissions_lease ON submissions(lease_owner);
