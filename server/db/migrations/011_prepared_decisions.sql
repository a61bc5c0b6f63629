-- The outcome of each change that spans the console's database and a workspace's database
-- (server/sql/two-phase.ts): a file recorded in a table, or deleted with the rows that point at
-- it. The workspace's half is prepared (PREPARE TRANSACTION), then the console's half commits
-- with its row here saying `commit`; only then is the prepared half committed. A prepared half
-- left behind by a crash is settled from this table: its row says what was decided, and one
-- without a row is decided `rollback` by inserting that row, which waits for (and loses to) a
-- console half still under way. Rows go once their prepared half is settled.
CREATE TABLE deeplake_console.prepared_decisions (
  gid text PRIMARY KEY,
  outcome text NOT NULL CHECK (outcome IN ('commit', 'rollback')),
  decided_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
