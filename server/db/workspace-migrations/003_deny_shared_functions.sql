-- The second layer under the statement guard (server/sql/guard-policy.ts): what the guard
-- refuses to workspaces, their roles may not run either, so a way around the guard — a
-- function body it cannot read, a call it does not recognise — still stops here. Each of these
-- reaches something shared by the whole database: advisory locks (the console takes one for its
-- migrations), large objects (outside every schema), NOTIFY channels, SQL text run out of the
-- guard's sight (ts_stat, query_to_xml …), and session settings (set_config).
--
-- Revoked from PUBLIC: workspace roles get them through PUBLIC only. The console connects as a
-- superuser, which needs no grant, so its own use is unchanged.
DO $$
DECLARE
  fn regprocedure;
BEGIN
  FOR fn IN
    SELECT p.oid::regprocedure
      FROM pg_proc p
     WHERE p.pronamespace = 'pg_catalog'::regnamespace
       AND (
         p.proname LIKE 'pg\_advisory\_%'
         OR p.proname LIKE 'pg\_try\_advisory\_%'
         OR p.proname LIKE 'lo\_%'
         OR p.proname IN ('loread', 'lowrite')
         OR p.proname LIKE 'query\_to\_xml%'
         OR p.proname LIKE 'cursor\_to\_xml%'
         OR p.proname IN ('ts_stat', 'pg_notify', 'set_config')
         OR (p.proname = 'ts_rewrite' AND p.pronargs = 2)
       )
  LOOP
    EXECUTE format('REVOKE EXECUTE ON FUNCTION %s FROM PUBLIC', fn);
  END LOOP;
END
$$;
