-- Three levels of membership: viewer (reads), writer (what "member" was), admin. The role
-- once called "member" is stored as "writer"; the API still accepts "member" as input.
ALTER TABLE deeplake_console.memberships DROP CONSTRAINT memberships_role_check;

UPDATE deeplake_console.memberships SET role = 'writer' WHERE role = 'member';

ALTER TABLE deeplake_console.memberships
  ADD CONSTRAINT memberships_role_check CHECK (role IN ('admin', 'writer', 'viewer'));
