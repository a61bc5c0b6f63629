/**
 * The settings a workspace may read with SHOW: its own session's (how values are formatted and
 * planned, its limits) and what a client needs to talk to the server. Every other setting
 * describes the server — its port, addresses, files, logging, replication — which belongs to
 * no workspace. SHOW has no privilege PostgreSQL could revoke, so this list is the one layer;
 * current_setting() and pg_settings, which could, are revoked from workspace roles as well
 * (workspace migration 004).
 */
const READABLE = new Set(
  `application_name bytea_output client_encoding client_min_messages datestyle
  default_text_search_config default_transaction_isolation default_transaction_read_only
  extra_float_digits idle_in_transaction_session_timeout idle_session_timeout integer_datetimes
  intervalstyle lc_collate lc_ctype lc_messages lc_monetary lc_numeric lc_time lock_timeout
  max_identifier_length search_path server_encoding server_version server_version_num
  standard_conforming_strings statement_timeout temp_file_limit timezone
  transaction_deferrable transaction_isolation transaction_read_only block_size
  work_mem maintenance_work_mem hash_mem_multiplier random_page_cost seq_page_cost
  cpu_tuple_cost cpu_index_tuple_cost cpu_operator_cost effective_cache_size jit
  max_parallel_workers_per_gather join_collapse_limit from_collapse_limit geqo
  default_statistics_target constraint_exclusion plan_cache_mode`.split(/\s+/),
);

/** Why `SHOW name` is refused, or null when the workspace may read it. */
export function refuseShow(name: string): { what: string; why: string } | null {
  const lower = name.toLowerCase();
  if (READABLE.has(lower) || lower.startsWith('enable_')) return null;
  return {
    what: lower === 'all' ? 'SHOW ALL' : `SHOW ${lower}`,
    why: "the server's own settings are not shown to workspaces; SHOW reads this session's (search_path, TimeZone, work_mem …)",
  };
}
