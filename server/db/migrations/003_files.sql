-- Files' metadata; the bytes live on disk under the files directory, named by id, never by the
-- user's file name. A row is only written once the bytes are complete and in place, so every
-- listed file can be read.
CREATE TABLE deeplake_console.files (
  id uuid PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES deeplake_console.workspaces (id) ON DELETE CASCADE,
  filename text NOT NULL,
  content_type text NOT NULL,
  size bigint NOT NULL CHECK (size >= 0),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  created_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX files_workspace_created
  ON deeplake_console.files (workspace_id, created_at DESC, id DESC);
