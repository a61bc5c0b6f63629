import type { TableSummary } from '../../../../contract/tables';

/**
 * The bundled server counts a table exactly up to 16 MiB of heap and estimates from statistics
 * above. The API does not say which one it sent, so a table bigger than that is shown as about.
 */
const EXACT_COUNT_MB = 16;

export function isEstimate(table: Pick<TableSummary, 'size_mb'>): boolean {
  return table.size_mb > EXACT_COUNT_MB;
}

const integer = new Intl.NumberFormat('en-US');

export function formatCount(count: number): string {
  return integer.format(count);
}

export function formatRowCount(table: Pick<TableSummary, 'row_count' | 'size_mb'>): string {
  return `${isEstimate(table) ? '≈ ' : ''}${formatCount(table.row_count)}`;
}

export function formatSize(megabytes: number): string {
  if (megabytes < 1) return `${Math.max(0, Math.round(megabytes * 1024))} KB`;
  if (megabytes < 1024) return `${megabytes.toFixed(megabytes < 10 ? 1 : 0)} MB`;
  return `${(megabytes / 1024).toFixed(1)} GB`;
}
