-- Moved to the workspace databases' migrations (../workspace-migrations/002_deeplake_search.sql):
-- Deeplake's search SQL lives in each workspace's own database. Databases that applied the
-- earlier version keep it, for the workspaces made before per-workspace databases.
SELECT 1;
