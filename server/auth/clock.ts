/**
 * The server's idea of now. Expiries (tokens, invite links, device codes) are decided by it
 * rather than by Postgres's now(), so tests can move time forward instead of sleeping.
 */
export const clock = {
  now: (): Date => new Date(),
};

export const secondsFrom = (start: Date, seconds: number) =>
  new Date(start.getTime() + seconds * 1000);
