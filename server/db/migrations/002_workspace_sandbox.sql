-- Each workspace's SQL runs as its own login role. The password lives here, readable only by
-- the console's own role, so every copy of the server on this database can open the pools.
CREATE TABLE deeplake_console.workspace_roles (
  workspace_id text PRIMARY KEY REFERENCES deeplake_console.workspaces (id) ON DELETE CASCADE,
  role_name text NOT NULL UNIQUE,
  password text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Deeplake's SQL (access methods, operators, domain types) that followed here now lives in the
-- workspace databases' migrations (../workspace-migrations/001_deeplake_types.sql). Databases that
-- applied the earlier version keep it, for the workspaces made before per-workspace databases.
