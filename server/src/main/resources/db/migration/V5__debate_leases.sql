-- Debates are jobs that any instance may run (issue: many instances). An instance claims a queued
-- debate, or a running one whose lease has expired (its owner died), and renews the lease while it
-- runs it. Writes of a running debate (events, result) are fenced by lease_owner, so an instance
-- that lost its lease can no longer change the debate.
--   lease_owner       "<instance>:<incarnation>" of the process running it, NULL when not running
--   lease_expires_at  epoch milliseconds; after it, another instance may take the debate over
--   cancel_reason     set by a cancel request on any instance; the owner sees it when it renews
--   attempts          how many times the debate was claimed (a debate that keeps killing its
--                     instances is failed after a bound instead of bouncing forever)
ALTER TABLE debates ADD COLUMN lease_owner TEXT;
ALTER TABLE debates ADD COLUMN lease_expires_at BIGINT;
ALTER TABLE debates ADD COLUMN cancel_reason TEXT;
ALTER TABLE debates ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;

-- Claiming scans queued debates in queue order and running ones by lease expiry.
CREATE INDEX debates_status_queue ON debates (status, queue_seq);
CREATE INDEX debates_status_lease ON debates (status, lease_expires_at);
-- Renewing finds an instance's debates.
CREATE INDEX debates_lease_owner ON debates (lease_owner);
