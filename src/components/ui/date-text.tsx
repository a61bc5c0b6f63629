import { formatDate } from '../../lib/format';

/** A date from the API as a short date, or a dash where the server did not say. */
export function DateText({ value }: { value: string | undefined }) {
  if (!value) return <span aria-label="Unknown">—</span>;
  return <time dateTime={value}>{formatDate(value)}</time>;
}
