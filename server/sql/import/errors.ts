/**
 * A file to import is malformed at a known place. The message starts with `line N:` so it can
 * be shown as it is to the person who uploaded the file; `line` is 1-based and physical (a
 * quoted value spanning lines counts each of them), and `reason` is the message without it.
 */
export class ImportFormatError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}`);
    this.name = 'ImportFormatError';
  }
}
