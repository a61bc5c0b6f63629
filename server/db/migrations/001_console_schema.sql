-- The console's own metadata. Workspaces' data lives in one schema per workspace.

CREATE TABLE deeplake_console.users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email text NOT NULL UNIQUE CHECK (email = lower(email)),
  name text NOT NULL DEFAULT '',
  verified boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Only a SHA-256 of each token is kept; the token itself is shown once.
CREATE TABLE deeplake_console.tokens (
  hash bytea PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES deeplake_console.users (id) ON DELETE CASCADE,
  label text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tokens_user_id ON deeplake_console.tokens (user_id);

CREATE TABLE deeplake_console.organizations (
  id text PRIMARY KEY,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE deeplake_console.memberships (
  org_id text NOT NULL REFERENCES deeplake_console.organizations (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES deeplake_console.users (id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('admin', 'member')),
  joined_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (org_id, user_id)
);
CREATE INDEX memberships_user_id ON deeplake_console.memberships (user_id, joined_at);

-- A workspace id is also the name of its Postgres schema, so ids are unique server-wide.
CREATE TABLE deeplake_console.workspaces (
  id text PRIMARY KEY,
  org_id text NOT NULL REFERENCES deeplake_console.organizations (id) ON DELETE CASCADE,
  name text NOT NULL,
  type text NOT NULL DEFAULT 'deeplake',
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX workspaces_org_id ON deeplake_console.workspaces (org_id, created_at);

-- Facts about the installation itself, such as whether the first start has been done.
CREATE TABLE deeplake_console.installation (
  key text PRIMARY KEY,
  value jsonb NOT NULL
);
