-- A workspace's database holds only that workspace, so its own catalogs (pg_class, pg_namespace,
-- pg_attribute, pg_stat_user_tables …) show nothing of anyone else. What PostgreSQL shares across
-- databases is withheld here from PUBLIC, which is all a workspace role has: the other databases
-- and roles and their settings (pg_database but its names, pg_roles, pg_db_role_setting …), other sessions and
-- their locks (pg_stat_activity, pg_locks), the server's settings (pg_settings, current_setting,
-- the port) and server-wide statistics. The console connects as a superuser: unaffected.
DO $$
DECLARE
  relation regclass;
  fn regprocedure;
BEGIN
  FOR relation IN
    SELECT c.oid::regclass
      FROM pg_class c
     WHERE c.relnamespace = 'pg_catalog'::regnamespace
       AND c.relkind IN ('r', 'v')
       AND (
         c.relname IN (
           'pg_roles', 'pg_user', 'pg_group', 'pg_auth_members',
           'pg_db_role_setting', 'pg_shdescription', 'pg_shseclabel', 'pg_tablespace',
           'pg_shdepend', 'pg_settings', 'pg_locks', 'pg_prepared_xacts',
           'pg_replication_slots', 'pg_replication_origin', 'pg_subscription',
           'pg_seclabels'
         )
         -- Per-database statistics views (pg_stat_user_tables …) show this database only;
         -- these show every session, database or the whole server.
         OR c.relname IN (
           'pg_stat_activity', 'pg_stat_database', 'pg_stat_database_conflicts',
           'pg_stat_replication', 'pg_stat_ssl', 'pg_stat_gssapi', 'pg_stat_wal_receiver',
           'pg_stat_subscription', 'pg_stat_subscription_stats', 'pg_stat_replication_slots',
           'pg_stat_archiver', 'pg_stat_bgwriter', 'pg_stat_checkpointer', 'pg_stat_wal',
           'pg_stat_io', 'pg_stat_slru', 'pg_stat_recovery_prefetch'
         )
         OR c.relname LIKE 'pg\_stat\_progress\_%'
       )
  LOOP
    EXECUTE format('REVOKE ALL ON %s FROM PUBLIC', relation);
  END LOOP;

  FOR fn IN
    SELECT p.oid::regprocedure
      FROM pg_proc p
     WHERE p.pronamespace = 'pg_catalog'::regnamespace
       AND (
         p.proname IN (
           'current_setting', 'pg_show_all_settings', 'pg_settings_get_flags',
           'inet_server_addr', 'inet_server_port', 'inet_client_addr', 'inet_client_port',
           'pg_postmaster_start_time', 'pg_conf_load_time', 'pg_lock_status',
           'pg_blocking_pids', 'pg_safe_snapshot_blocking_pids', 'pg_isolation_test_session_is_blocked',
           'pg_database_size', 'pg_tablespace_size', 'pg_tablespace_databases',
           'pg_tablespace_location', 'pg_stat_get_activity',
           'pg_stat_get_progress_info', 'pg_stat_get_wal_receiver',
           'pg_stat_get_subscription', 'pg_stat_get_io', 'pg_stat_get_wal',
           'pg_stat_get_archiver', 'pg_stat_get_slru', 'pg_stat_get_replication_slot',
           'pg_prepared_xact', 'pg_get_replication_slots', 'pg_current_logfile',
           'pg_show_replication_origin_status', 'pg_get_shmem_allocations',
           'pg_get_backend_memory_contexts', 'pg_log_backend_memory_contexts'
         )
         OR p.proname LIKE 'pg\_stat\_get\_backend\_%'
         OR p.proname LIKE 'pg\_stat\_get\_db\_%'
         OR p.proname LIKE 'pg\_stat\_get\_bgwriter\_%'
         OR p.proname LIKE 'pg\_stat\_get\_checkpointer\_%'
         OR p.proname = 'pg_stat_get_snapshot_timestamp'
       )
  LOOP
    EXECUTE format('REVOKE EXECUTE ON FUNCTION %s FROM PUBLIC', fn);
  END LOOP;
END
$$;

-- information_schema.columns reads the database's encoding by its name: those columns stay
-- readable. Database names are opaque (the workspace's role name), so they tell nothing.
REVOKE ALL ON pg_catalog.pg_database FROM PUBLIC;
GRANT SELECT (oid, datname, encoding) ON pg_catalog.pg_database TO PUBLIC;
