-- Each workspace gets a database of its own (server/sql/workspace-databases.ts). database_name is
-- null for workspaces made before, whose schema stays in this database; database_version counts
-- the workspace migrations its database has, 0 until it is made.
ALTER TABLE deeplake_console.workspace_roles
  ADD COLUMN database_name text UNIQUE,
  ADD COLUMN database_version integer NOT NULL DEFAULT 0;

-- What deleted workspaces leave to drop once their deletion commits (DROP DATABASE cannot run in
-- a transaction): emptied right after, and at the next start if the server stopped first.
CREATE TABLE deeplake_console.workspace_storage_drops (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  database_name text,
  role_name text NOT NULL,
  queued_at timestamptz NOT NULL DEFAULT now()
);
