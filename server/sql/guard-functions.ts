/**
 * The functions a workspace may not call, by name: what each reaches (advisory locks, large
 * objects, server files, SQL given as text …) is shared by the whole database or the server.
 * The statement guard (guard-policy.ts) refuses them in every notation; workspace migration
 * 003 revokes them from the workspace roles as well.
 */

// Prefix families; `pg_create_…_replication_slot` and friends are matched by a pattern below.
const DENIED_PREFIXES = [
  'pg_ls_',
  'lo_',
  'pg_logical_',
  'pg_replication_',
  'pg_advisory_',
  'pg_try_advisory_',
  'dblink',
  'cursor_to_xml',
  'pg_stat_reset',
  'pg_file_',
];

const DENIED_FUNCTIONS = new Set([
  'set_config',
  'pg_read_file',
  'pg_read_binary_file',
  'pg_stat_file',
  'loread',
  'lowrite',
  'pg_terminate_backend',
  'pg_cancel_backend',
  'pg_signal_backend',
  'pg_reload_conf',
  'pg_rotate_logfile',
  'pg_promote',
  'pg_switch_wal',
  'pg_create_restore_point',
  'pg_backup_start',
  'pg_backup_stop',
  'pg_drop_replication_slot',
  'pg_notify',
  'query_to_xml',
  'query_to_xml_and_xmlschema',
  'query_to_xmlschema',
  'pg_import_system_collations',
  'ts_stat',
]);

/**
 * The denied functions of PostgreSQL 18's catalog that take one argument, so can be called in
 * attribute notation (`x.f`). Listed from pg_proc (pronargs = 1) by the names deniedFunction()
 * refuses; workspace migration 003 also revokes them from the workspace roles, should one be
 * missed here.
 */
export const ONE_ARGUMENT_DENIED = new Set(
  `lo_close lo_creat lo_create lo_get lo_import lo_tell lo_tell64 lo_unlink pg_advisory_lock
  pg_advisory_lock_shared pg_advisory_unlock pg_advisory_unlock_shared pg_advisory_xact_lock
  pg_advisory_xact_lock_shared pg_cancel_backend pg_drop_replication_slot
  pg_import_system_collations pg_ls_dir pg_ls_replslotdir pg_ls_tmpdir pg_read_binary_file
  pg_read_file pg_replication_origin_create pg_replication_origin_drop pg_replication_origin_oid
  pg_replication_origin_session_progress pg_replication_origin_session_setup pg_stat_file
  pg_stat_reset_backend_stats pg_stat_reset_replication_slot pg_stat_reset_shared
  pg_stat_reset_single_function_counters pg_stat_reset_single_table_counters pg_stat_reset_slru
  pg_stat_reset_subscription_stats pg_try_advisory_lock pg_try_advisory_lock_shared
  pg_try_advisory_xact_lock pg_try_advisory_xact_lock_shared ts_stat`.split(/\s+/),
);

const RUNS_SQL_TEXT = 'it runs SQL given as a string, which this check cannot see';

/** Why calling `name` (unqualified, any case) is refused, '' for no reason given, null if not. */
export function deniedFunction(name: string, argCount: number | undefined): string | null {
  const lower = name.toLowerCase();
  if (lower.startsWith('query_to_xml') || lower.startsWith('cursor_to_xml')) return RUNS_SQL_TEXT;
  if (lower === 'ts_stat') return RUNS_SQL_TEXT;
  // ts_rewrite(query, 'SELECT …') runs its second argument; the 3-argument form does not.
  if (lower === 'ts_rewrite') return argCount === 2 ? RUNS_SQL_TEXT : null;
  if (lower.startsWith('dblink')) return 'it opens its own database connections';
  if (lower.startsWith('pg_advisory_') || lower.startsWith('pg_try_advisory_')) {
    return 'advisory locks are shared by the whole database, and the console uses them';
  }
  if (DENIED_FUNCTIONS.has(lower)) return '';
  if (DENIED_PREFIXES.some((prefix) => lower.startsWith(prefix))) return '';
  if (/^pg_(create|copy)_\w*replication_slot$/.test(lower)) return '';
  return null;
}
