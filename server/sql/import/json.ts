import { MAX_JSON_DEPTH, stringEnd, unstorableReason } from '../../../contract/json-text';
import { ImportFormatError } from './errors';
import { PendingText } from './utf8';

/**
 * Records from a JSON file: a top-level array of objects, or objects one after another
 * (NDJSON; an object may also span lines, and blank lines are skipped). The first character
 * after white space and an optional BOM tells which. Each object's extent is found by
 * tracking strings and nesting depth, and only that text goes to JSON.parse, so memory follows
 * the largest record, not the file.
 *
 * Integers that a JS number cannot hold exactly (beyond ±2^53, account and snowflake ids)
 * come out as bigint, so they are stored as written. Other numbers are JS numbers, as JSON.parse
 * makes them. Strings with `\u0000` or an unpaired surrogate (`\ud800`) are refused: PostgreSQL
 * cannot store them in text or jsonb.
 *
 * Empty input, or input with only white space, gives no records and no error.
 */

export interface JsonScannerOptions {
  /** Called for each object with the 1-based line it starts on. May throw to stop the scan. */
  onRecord: (record: Record<string, unknown>, line: number) => void;
  /** A record still open after this many characters is refused. Default 128 Mi characters. */
  maxRecordChars?: number;
}

const enum State {
  /** Nothing but white space yet. */
  Detect,
  /** After `[`: an object or `]`. */
  ArrayOpen,
  /** After `,` in the array: an object. */
  ArrayComma,
  /** After an object in the array: `,` or `]`. */
  ArrayAfter,
  /** After the array's `]`: only white space. */
  ArrayDone,
  /** Between objects of NDJSON. */
  Lines,
}

const BRACE = 0x7b;
const BRACKET = 0x5b;
const QUOTE = 0x22;
const LF = 0x0a;

export class JsonScanner {
  private readonly onRecord: (record: Record<string, unknown>, line: number) => void;
  private readonly maxRecordChars: number;
  private readonly pending: PendingText;
  private state = State.Detect;
  /** Decoded text; everything before `pos` is done with. */
  private text = '';
  private pos = 0;
  /** `line` is the line number of position `lineAt` in `text`. */
  private line = 1;
  private lineAt = 0;
  /** First \n at or after `lineAt`, -1 for none in `text`, -2 to look it up. */
  private nextLf = -2;
  /** Line of the last `[`, `,` or object read, where a missing `]` is reported. */
  private lastLine = 1;
  /** The object under way: its start (-1 when none), line, scan position and depth there. */
  private start = -1;
  private startLine = 0;
  private scanAt = 0;
  private depth = 0;

  constructor(options: JsonScannerOptions) {
    this.onRecord = options.onRecord;
    this.maxRecordChars = options.maxRecordChars ?? 128 * 1024 * 1024;
    this.pending = new PendingText(this.maxRecordChars);
  }

  write(chunk: Buffer): void {
    if (!this.pending.write(chunk, this.text.length - this.pos)) return;
    if (this.pending.error !== null) return this.fail();
    this.scan(false);
  }

  end(): void {
    this.pending.end();
    if (this.pending.error !== null) return this.fail();
    this.scan(true);
    if (this.start !== -1) {
      throw new ImportFormatError(
        this.startLine,
        'the JSON object that starts here is not complete: the file ends inside it',
      );
    }
    if (
      this.state === State.ArrayOpen ||
      this.state === State.ArrayComma ||
      this.state === State.ArrayAfter
    ) {
      throw new ImportFormatError(
        this.lastLine,
        'the JSON array is not closed: the file ends before its ]',
      );
    }
  }

  private fail(): never {
    this.scan(false);
    throw this.error(this.text.length, this.pending.error!);
  }

  private scan(final: boolean): void {
    // Line counting and the object under way refer to positions in `text`: rebase them.
    const keep = this.start !== -1 ? this.start : this.pos;
    this.lineOf(keep);
    this.text = this.text.slice(keep) + this.pending.take();
    this.lineAt -= keep;
    this.nextLf = -2;
    this.pos -= keep;
    if (this.start !== -1) {
      this.scanAt -= keep;
      this.start = 0;
    }
    this.process(final);
    const open = this.start !== -1 ? this.text.length - this.start : 0;
    if (open > this.maxRecordChars) {
      throw new ImportFormatError(
        this.startLine,
        `the JSON object that starts here is longer than ${this.maxRecordChars} characters; most likely a string or brace is never closed`,
      );
    }
  }

  private process(final: boolean): void {
    const text = this.text;
    const length = text.length;
    let i = this.pos;
    for (;;) {
      if (this.start !== -1) {
        const end = this.objectEnd();
        if (end === -1) break;
        this.emit(this.start, end);
        this.lastLine = this.lineOf(end - 1);
        this.start = -1;
        i = end;
        continue;
      }
      while (i < length && isWhitespace(text.charCodeAt(i))) i++;
      if (i >= length) break;
      const c = text.charCodeAt(i);
      // An error names what it found (`null`, `true`): wait until that word is all there.
      if (c !== BRACE && c !== BRACKET && c !== 0x2c && c !== 0x5d && !final && length - i < 6) {
        break;
      }
      switch (this.state) {
        case State.Detect:
          if (c === BRACKET) {
            this.state = State.ArrayOpen;
            this.lastLine = this.lineOf(i);
            i++;
          } else if (c === BRACE) {
            this.state = State.Lines;
            this.begin(i);
          } else {
            throw this.error(
              i,
              `expected a JSON array of objects or one JSON object per line (NDJSON), found ${describe(text, i)}`,
            );
          }
          break;
        case State.ArrayOpen:
        case State.ArrayComma:
          if (c === BRACE) {
            this.state = State.ArrayAfter;
            this.begin(i);
          } else if (c === 0x5d && this.state === State.ArrayOpen) {
            this.state = State.ArrayDone;
            i++;
          } else if (c === 0x5d) {
            throw this.error(i, 'invalid JSON: a comma before ] (trailing commas are not JSON)');
          } else {
            throw this.error(
              i,
              `each element of the array must be a JSON object, found ${describe(text, i)}`,
            );
          }
          break;
        case State.ArrayAfter:
          if (c === 0x2c) {
            this.state = State.ArrayComma;
            this.lastLine = this.lineOf(i);
            i++;
          } else if (c === 0x5d) {
            this.state = State.ArrayDone;
            i++;
          } else {
            throw this.error(
              i,
              `expected , or ] after an array element, found ${describe(text, i)}`,
            );
          }
          break;
        case State.ArrayDone:
          throw this.error(i, `unexpected ${describe(text, i)} after the end of the JSON array`);
        case State.Lines:
          if (c !== BRACE) {
            throw this.error(i, `expected a JSON object, found ${describe(text, i)}`);
          }
          this.begin(i);
          break;
      }
      if (this.start !== -1) i = this.start;
    }
    this.pos = this.start !== -1 ? this.start : i;
  }

  private begin(at: number): void {
    this.start = at;
    this.startLine = this.lineOf(at);
    this.scanAt = at;
    this.depth = 0;
  }

  /** Index after the `}` closing the object at `start`, or -1 when the text ends first. */
  private objectEnd(): number {
    const text = this.text;
    const length = text.length;
    let depth = this.depth;
    let i = this.scanAt;
    while (i < length) {
      const c = text.charCodeAt(i);
      if (c === QUOTE) {
        const end = stringEnd(text, i);
        if (end === -1) break;
        i = end;
        continue;
      }
      if (c === BRACE || c === BRACKET) {
        // The record is level 1; its values, stored as jsonb, one level less.
        if (++depth > MAX_JSON_DEPTH + 1) {
          throw new ImportFormatError(
            this.startLine,
            `the JSON object that starts here nests deeper than ${MAX_JSON_DEPTH} levels, more than PostgreSQL's jsonb is sure to take`,
          );
        }
      } else if ((c === 0x7d || c === 0x5d) && --depth === 0) return i + 1;
      i++;
    }
    this.scanAt = i;
    this.depth = depth;
    return -1;
  }

  private emit(start: number, end: number): void {
    const source = this.text.slice(start, end);
    const line = this.startLine;
    let record: unknown;
    try {
      record = JSON.parse(source);
    } catch (error) {
      throw new ImportFormatError(line, `invalid JSON: ${parseErrorReason(error, source, line)}`);
    }
    if (hasUnsafeInteger(record)) record = parseWithBigInts(source);
    if (source.includes('\\u')) {
      const reason = unstorableReason(record);
      if (reason !== null) throw new ImportFormatError(line, reason);
    }
    this.onRecord(record as Record<string, unknown>, line);
  }

  /** Line number of position `at`; positions asked for never go backwards. */
  private lineOf(at: number): number {
    if (at <= this.lineAt) return this.line;
    const text = this.text;
    if (this.nextLf === -2) this.nextLf = text.indexOf('\n', this.lineAt);
    while (this.nextLf !== -1 && this.nextLf < at) {
      this.line++;
      this.nextLf = text.indexOf('\n', this.nextLf + 1);
    }
    this.lineAt = at;
    return this.line;
  }

  private error(at: number, reason: string): ImportFormatError {
    return new ImportFormatError(this.lineOf(at), reason);
  }
}

function isWhitespace(c: number): boolean {
  return c === 0x20 || c === LF || c === 0x0d || c === 0x09;
}

function describe(text: string, at: number): string {
  const c = text.charCodeAt(at);
  if (c === BRACKET) return 'an array';
  if (c === QUOTE) return 'a string';
  if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return 'a number';
  const word = /^(true|false|null)\b/.exec(text.slice(at, at + 6));
  if (word) return word[1] === 'null' ? 'null' : 'a boolean';
  return `"${String.fromCodePoint(text.codePointAt(at)!)}"`;
}

/**
 * V8's message without its offset into the object's text, with the line it points at when
 * that is not the object's first.
 */
function parseErrorReason(error: unknown, source: string, line: number): string {
  const message = error instanceof Error ? error.message : String(error);
  const match = / in JSON at position (\d+)(?: \(line \d+ column \d+\))?$/.exec(message);
  if (!match) return message;
  const position = Number(match[1]);
  let at = line;
  for (let i = source.indexOf('\n'); i !== -1 && i < position; i = source.indexOf('\n', i + 1)) {
    at++;
  }
  return message.slice(0, match.index) + (at === line ? '' : ` (on line ${at})`);
}

/**
 * Whether a parsed value holds an integer JSON.parse may have rounded (beyond ±2^53). Walking
 * the values is cheaper than looking for long digit runs in the text.
 */
function hasUnsafeInteger(value: unknown): boolean {
  if (typeof value === 'number') return Number.isInteger(value) && !Number.isSafeInteger(value);
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return value.some(hasUnsafeInteger);
  for (const key in value) {
    if (hasUnsafeInteger((value as Record<string, unknown>)[key])) return true;
  }
  return false;
}

/**
 * JSON.parse again, with integer literals beyond ±2^53 as exact bigints. Only for text that
 * JSON.parse has accepted, so it can be lenient; only runs for records hasUnsafeInteger picks.
 */
function parseWithBigInts(source: string): unknown {
  let i = 0;
  const skipWhitespace = () => {
    while (isWhitespace(source.charCodeAt(i))) i++;
  };
  const string = (): string => {
    const start = i;
    i = stringEnd(source, i);
    return JSON.parse(source.slice(start, i)) as string;
  };
  const value = (): unknown => {
    skipWhitespace();
    const c = source.charCodeAt(i);
    if (c === BRACE) {
      const object: Record<string, unknown> = {};
      i++;
      skipWhitespace();
      if (source.charCodeAt(i) === 0x7d) {
        i++;
        return object;
      }
      for (;;) {
        skipWhitespace();
        const key = string();
        skipWhitespace();
        i++;
        // defineProperty, as JSON.parse does, so a "__proto__" key stays a plain property.
        Object.defineProperty(object, key, {
          value: value(),
          writable: true,
          enumerable: true,
          configurable: true,
        });
        skipWhitespace();
        if (source.charCodeAt(i++) === 0x7d) return object;
      }
    }
    if (c === BRACKET) {
      const array: unknown[] = [];
      i++;
      skipWhitespace();
      if (source.charCodeAt(i) === 0x5d) {
        i++;
        return array;
      }
      for (;;) {
        array.push(value());
        skipWhitespace();
        if (source.charCodeAt(i++) === 0x5d) return array;
      }
    }
    if (c === QUOTE) return string();
    const start = i;
    while (i < source.length && !isValueEnd(source.charCodeAt(i))) i++;
    const literal = source.slice(start, i);
    if (literal === 'true') return true;
    if (literal === 'false') return false;
    if (literal === 'null') return null;
    const number = Number(literal);
    return Number.isSafeInteger(number) || !/^-?\d+$/.test(literal) ? number : BigInt(literal);
  };
  // Recursion is safe: records nest at most MAX_JSON_DEPTH + 1 levels.
  return value();
}

function isValueEnd(c: number): boolean {
  return c === 0x2c || c === 0x5d || c === 0x7d || isWhitespace(c);
}
