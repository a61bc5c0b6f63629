-- Moved to the workspace databases' migrations (../workspace-migrations/003_deny_shared_functions.sql):
-- workspace roles connect only to their own database. Databases that applied the earlier version
-- keep its grants, for the workspaces made before per-workspace databases.
SELECT 1;
