const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** A timestamp from the API as a short date; the raw value if it is not a date. */
export function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateFormat.format(date);
}
