/** Counts and sizes as the API gave them: null when it did not say (the hosted table list). */
interface Measured {
  row_count: number | null;
  size_mb: number | null;
}

/**
 * The bundled server counts a table exactly up to 16 MiB of heap and estimates from statistics
 * above. The API does not say which one it sent, so a table bigger than that is shown as about.
 */
const EXACT_COUNT_MB = 16;

export function isEstimate(table: Pick<Measured, 'size_mb'>): boolean {
  return table.size_mb !== null && table.size_mb > EXACT_COUNT_MB;
}

const integer = new Intl.NumberFormat('en-US');

export function formatCount(count: number): string {
  return integer.format(count);
}

export function formatRowCount(table: Measured): string {
  if (table.row_count === null) return '—';
  return `${isEstimate(table) ? '≈ ' : ''}${formatCount(table.row_count)}`;
}

export function formatSize(megabytes: number | null): string {
  if (megabytes === null) return '—';
  if (megabytes < 1) return `${Math.max(0, Math.round(megabytes * 1024))} KB`;
  if (megabytes < 1024) return `${megabytes.toFixed(megabytes < 10 ? 1 : 0)} MB`;
  return `${(megabytes / 1024).toFixed(1)} GB`;
}
