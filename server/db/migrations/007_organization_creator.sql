-- Who created each organization, as the hosted API's organization list says (`creator`). Until
-- now the first membership stood for it, which is wrong once the creator leaves.
ALTER TABLE deeplake_console.organizations
  ADD COLUMN creator uuid REFERENCES deeplake_console.users (id) ON DELETE SET NULL;

UPDATE deeplake_console.organizations o
   SET creator = (SELECT m.user_id FROM deeplake_console.memberships m
                   WHERE m.org_id = o.id ORDER BY m.joined_at, m.user_id LIMIT 1);
