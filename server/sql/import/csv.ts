import type { Delimiter } from '../../../contract/csv-delimiter';
import { ImportFormatError } from './errors';
import { PendingText } from './utf8';

/**
 * CSV reading that agrees with what PostgreSQL's `COPY … (FORMAT csv, HEADER true, QUOTE '"',
 * ESCAPE '"', FORCE_NULL (all columns), ENCODING 'UTF8')` will make of the same bytes, so the
 * file can be checked and typed here and then handed to COPY unchanged. Its rules, taken from
 * copyfromparse.c and checked against a live server:
 *
 * - A `"` anywhere in a field opens a quoted part, closed by the next lone `"`; `""` inside a
 *   quoted part is one `"`. Text may follow a closing quote and a quoted part may start mid-field:
 *   `ab"c,d"e` is the one value `abc,de`. So a stray `"` in `5" screen` opens a quoted part too,
 *   and the file usually ends inside it: "unterminated quoted field".
 * - The first line ending outside quotes (`\n`, `\r\n` or `\r`) is the file's; any other line
 *   ending or carriage return outside quotes later is an error (inside quotes anything goes).
 * - An empty line is a record of one empty field, so it fails for more than one column; the line
 *   ending after the last record is optional, and nothing after it is a record.
 * - Empty fields, quoted or not, are NULL (FORCE_NULL), so fields come out as plain strings.
 * - `\.` is ordinary data (PostgreSQL 18 no longer ends CSV input there).
 * - Invalid UTF-8 and NUL bytes are refused. A leading BOM is skipped here; COPY keeps it, but
 *   it is then part of the header line, which COPY skips.
 */

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/** The error for a record whose field count is not the header's (COPY would refuse it). */
export function fieldCountError(line: number, fields: number, header: number): ImportFormatError {
  return new ImportFormatError(
    line,
    `has ${fields} ${fields === 1 ? 'field' : 'fields'}, the header has ${header}`,
  );
}

export interface CsvScannerOptions {
  delimiter: Delimiter;
  /**
   * Called for each record, the header first. `line` is the 1-based physical line the record
   * starts on. May throw to stop the scan (the scanner is then unusable).
   */
  onRecord: (fields: string[], line: number) => void;
  /**
   * A record still open after this many characters is refused rather than held in memory: in
   * practice it is a quote that never closes. Default 128 Mi characters.
   */
  maxRecordChars?: number;
}

const enum Eol {
  Unknown,
  Lf,
  CrLf,
  Cr,
}

const EOL_TEXT = ['', '\\n', '\\r\\n', '\\r'];

/**
 * Splits a CSV byte stream into records as COPY will (see above). Feed it with `write` and
 * finish with `end`; errors are ImportFormatError with the line they are on.
 *
 * The common record (no quote, the file's own line ending) is found with indexOf and split with
 * slice, and the positions of the next quote, line feed, carriage return and delimiter are kept
 * between records so no character is looked at twice. Records with quotes (and all records of
 * a file with \r line endings) go character by character.
 *
 * Field strings may be slices of the decoded chunk and keep it in memory while they live.
 */
export class CsvScanner {
  private readonly delimiter: Delimiter;
  private readonly delimiterCode: number;
  private readonly onRecord: (fields: string[], line: number) => void;
  private readonly maxRecordChars: number;
  private readonly pending: PendingText;
  /** Decoded text from the start of the record under way (`pos`) on. */
  private text = '';
  private pos = 0;
  /** Physical line the record at `pos` starts on. */
  private line = 1;
  private eol = Eol.Unknown;
  /** Field count of the last record split on the fast path: the next one's likely count. */
  private width = 1;
  /** Text received while a long record waits for its end (see `write`). */
  /** Line of the quote still open when the text ran out, for the too-long error. */
  private openQuoteLine = 0;
  /** Next \n and \r at or after the quoted part being read (-1: none), -2 to look up. */
  private quotedLf = -2;
  private quotedCr = -2;

  constructor(options: CsvScannerOptions) {
    this.delimiter = options.delimiter;
    this.delimiterCode = options.delimiter.charCodeAt(0);
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
  }

  private scan(final: boolean): void {
    this.text = this.text.slice(this.pos) + this.pending.take();
    this.pos = 0;
    this.quotedLf = -2;
    this.quotedCr = -2;
    this.process(final);
    if (this.text.length - this.pos > this.maxRecordChars) {
      throw new ImportFormatError(
        this.openQuoteLine || this.line,
        `a record here is longer than ${this.maxRecordChars} characters; most likely a quote (") opens a value and never closes`,
      );
    }
  }

  /** Scans what came before undecodable bytes, so the error names the line they are on. */
  private fail(): never {
    this.scan(false);
    const line = this.line + countLineBreaks(this.text, this.pos, this.text.length);
    throw new ImportFormatError(line, this.pending.error!);
  }

  private process(final: boolean): void {
    const text = this.text;
    const length = text.length;
    const delimiter = this.delimiter;
    const onRecord = this.onRecord;
    let pos = this.pos;
    let line = this.line;
    // Next position at or after `pos` of each character, -1 for none left; -2 to look it up.
    let lf = -2;
    let cr = -2;
    let quote = -2;
    let delim = -2;
    let width = this.width;
    while (pos < length) {
      const eol = this.eol;
      if (eol === Eol.Lf || eol === Eol.CrLf) {
        if (lf < pos && lf !== -1) lf = text.indexOf('\n', pos);
        if (lf === -1 && !final) break;
        if (lf !== -1) {
          if (quote < pos && quote !== -1) quote = text.indexOf('"', pos);
          if (cr < pos && cr !== -1) cr = text.indexOf('\r', pos);
          const end = eol === Eol.Lf ? lf : lf - 1;
          const plain =
            (quote === -1 || quote > lf) &&
            (eol === Eol.Lf ? cr === -1 || cr > lf : cr === end && end >= pos);
          if (plain) {
            const fields: string[] = new Array(width);
            let n = 0;
            let start = pos;
            for (;;) {
              if (delim < start && delim !== -1) delim = text.indexOf(delimiter, start);
              if (delim === -1 || delim >= end) {
                fields[n++] = text.slice(start, end);
                break;
              }
              fields[n++] = text.slice(start, delim);
              start = delim + 1;
            }
            if (n !== width) fields.length = width = n;
            onRecord(fields, line);
            line++;
            pos = lf + 1;
            continue;
          }
        }
      }
      this.line = line;
      const next = this.scanRecord(pos, final);
      line = this.line;
      if (next < 0) break;
      pos = next;
    }
    this.pos = pos;
    this.line = line;
    this.width = width;
  }

  /**
   * Reads one record from `start` character by character and reports it; returns where the
   * next record starts, or -1 when the text ends before this record does (and more may come).
   */
  private scanRecord(start: number, final: boolean): number {
    const text = this.text;
    const length = text.length;
    const delimiter = this.delimiterCode;
    const fields: string[] = [];
    let value = '';
    let segment = start;
    let breaks = 0;
    let i = start;
    this.openQuoteLine = 0;
    for (;;) {
      if (i >= length) {
        if (!final) return -1;
        fields.push(value + text.slice(segment, i));
        this.report(fields, breaks);
        return i;
      }
      const c = text.charCodeAt(i);
      if (c === delimiter) {
        fields.push(value + text.slice(segment, i));
        value = '';
        segment = ++i;
      } else if (c === QUOTE) {
        value += text.slice(segment, i);
        const quoteLine = this.line + breaks;
        i++;
        for (;;) {
          const close = text.indexOf('"', i);
          if (close === -1 || (close + 1 === length && !final)) {
            if (!final) {
              this.openQuoteLine = quoteLine;
              return -1;
            }
            throw new ImportFormatError(
              quoteLine,
              'unterminated quoted field: the " here is never closed (to put a " in a value, quote the whole value and double the ": "5"" screen")',
            );
          }
          breaks += this.breaksIn(i, close);
          if (text.charCodeAt(close + 1) === QUOTE) {
            value += text.slice(i, close + 1);
            i = close + 2;
          } else {
            value += text.slice(i, close);
            i = close + 1;
            break;
          }
        }
        segment = i;
      } else if (c === LF || c === CR) {
        if (c === CR && i + 1 === length && !final) return -1;
        const crlf = c === CR && text.charCodeAt(i + 1) === LF;
        const found = c === LF ? Eol.Lf : crlf ? Eol.CrLf : Eol.Cr;
        // In a \r file COPY refuses a \r\n too, a line later: it ends the line at the \r.
        if (this.eol === Eol.Unknown) this.eol = found;
        else if (found !== this.eol) {
          throw new ImportFormatError(this.line + breaks, mixedEolMessage(this.eol, found));
        }
        fields.push(value + text.slice(segment, i));
        this.report(fields, breaks);
        return crlf ? i + 2 : i + 1;
      } else {
        i++;
      }
    }
  }

  /** countLineBreaks for a quoted part, which seldom has any: found out with cached indexOf. */
  private breaksIn(from: number, to: number): number {
    const text = this.text;
    if (this.quotedLf < from && this.quotedLf !== -1) this.quotedLf = text.indexOf('\n', from);
    if (this.quotedCr < from && this.quotedCr !== -1) this.quotedCr = text.indexOf('\r', from);
    const lf = this.quotedLf;
    const cr = this.quotedCr;
    if ((lf === -1 || lf >= to) && (cr === -1 || cr >= to)) return 0;
    return countLineBreaks(text, from, to);
  }

  private report(fields: string[], breaks: number): void {
    this.onRecord(fields, this.line);
    this.line += 1 + breaks;
  }
}

function mixedEolMessage(eol: Eol, found: Eol): string {
  if (found === Eol.Cr) {
    return `carriage return (\\r) outside quotes; lines in this file end with ${EOL_TEXT[eol]}, so a value with a carriage return must be quoted`;
  }
  return `this line ends with ${EOL_TEXT[found]} but the first line ends with ${EOL_TEXT[eol]}; PostgreSQL needs one kind of line ending throughout the file`;
}

/** Line breaks (`\r\n`, `\n` or a lone `\r`) in text[from, to). */
function countLineBreaks(text: string, from: number, to: number): number {
  let breaks = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) breaks++;
  }
  return breaks;
}
