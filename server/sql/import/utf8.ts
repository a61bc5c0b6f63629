import { isUtf8 } from 'node:buffer';
import { StringDecoder } from 'node:string_decoder';

/**
 * Streaming UTF-8 decoder that refuses what PostgreSQL's UTF8 encoding check refuses (invalid
 * sequences and NUL bytes) instead of turning it into U+FFFD, and drops a leading BOM.
 *
 * StringDecoder is used for the decoding because it is several times faster than TextDecoder on
 * ASCII-heavy input; validity is checked separately with `isUtf8`, which is cheaper still. A
 * character split across chunks is checked on its own, so each chunk's check stays one call.
 */
export class Utf8Decoder {
  private readonly decoder = new StringDecoder('utf8');
  /** Bytes of a character that the previous chunk started but did not finish. */
  private tail: Buffer = Buffer.alloc(0);
  private first = true;
  /**
   * Why the input stopped being decodable, once it has. The text returned by the call that set
   * it holds everything before the offending byte, so the caller can count lines up to there.
   */
  error: string | null = null;

  write(chunk: Buffer): string {
    if (this.error !== null) return '';
    let start = 0;
    if (this.tail.length > 0) {
      const need = sequenceLength(this.tail[0]!) - this.tail.length;
      const take = Math.min(need, chunk.length);
      const joined = Buffer.concat([this.tail, chunk.subarray(0, take)]);
      if (take < need) {
        if (!isContinuation(chunk, 0, take)) return this.invalid(this.tail[0]!);
        this.tail = joined;
        return this.decoder.write(chunk);
      }
      if (!isUtf8(joined)) return this.invalid(this.tail[0]!);
      start = take;
    }
    const end = chunk.length - incompleteTailLength(chunk, start);
    const body = chunk.subarray(start, end);
    if (!isUtf8(body) || body.indexOf(0) !== -1) return this.fail(chunk, start);
    this.tail = Buffer.from(chunk.subarray(end));
    return this.strip(this.decoder.write(chunk));
  }

  end(): string {
    if (this.error !== null) return '';
    if (this.tail.length > 0) {
      this.error = `the file ends in the middle of a UTF-8 character (byte 0x${hex(this.tail[0]!)})`;
      return '';
    }
    return this.strip(this.decoder.end());
  }

  /** Decodes the valid part of `chunk` before the first bad byte at or after `from`. */
  private fail(chunk: Buffer, from: number): string {
    const bad = firstInvalid(chunk, from);
    const text = this.strip(this.decoder.write(chunk.subarray(0, bad)));
    this.invalid(chunk[bad]!);
    return text;
  }

  private invalid(byte: number): string {
    this.error =
      byte === 0
        ? 'the file contains a NUL byte (0x00), which PostgreSQL cannot store in text'
        : `invalid UTF-8 (byte 0x${hex(byte)}); save the file with UTF-8 encoding`;
    return '';
  }

  private strip(text: string): string {
    if (this.first && text.length > 0) {
      this.first = false;
      if (text.charCodeAt(0) === 0xfeff) return text.slice(1);
    }
    return text;
  }
}

const hex = (byte: number) => byte.toString(16).padStart(2, '0');

/** Bytes in a sequence by its lead byte; 1 for bytes that cannot lead one (isUtf8 catches them). */
function sequenceLength(lead: number): number {
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  return 1;
}

function isContinuation(chunk: Buffer, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if ((chunk[i]! & 0xc0) !== 0x80) return false;
  return true;
}

/** Length of a lead byte plus continuations at the end of `chunk` that need more bytes. */
function incompleteTailLength(chunk: Buffer, start: number): number {
  const last = Math.max(start, chunk.length - 3);
  for (let i = chunk.length - 1; i >= last; i--) {
    const byte = chunk[i]!;
    if ((byte & 0xc0) === 0x80) continue;
    const length = sequenceLength(byte);
    return length > chunk.length - i ? chunk.length - i : 0;
  }
  return 0;
}

/**
 * Offset of the first byte that makes `chunk` (from `from`) invalid UTF-8 or NUL. Only runs
 * once per file, on the way to an error, so it favours simplicity over speed.
 */
function firstInvalid(chunk: Buffer, from: number): number {
  let i = from;
  while (i < chunk.length) {
    const byte = chunk[i]!;
    if (byte === 0) return i;
    const length = sequenceLength(byte);
    if (length === 1) {
      if (byte >= 0x80) return i;
      i++;
      continue;
    }
    if (i + length > chunk.length) return chunk.length;
    if (!isUtf8(chunk.subarray(i, i + length))) return i;
    i += length;
  }
  return chunk.length;
}

/**
 * Text decoded since a scanner last scanned. A record longer than a chunk is scanned again from
 * its start as data comes in; holding new text back until it is as long as the text waiting
 * keeps that linear in the record's length.
 */
export class PendingText {
  private readonly decoder = new Utf8Decoder();
  private parts: string[] = [];
  private chars = 0;

  constructor(private readonly maxRecordChars: number) {}

  /** Why the input stopped being decodable; the text before that point is still pending. */
  get error(): string | null {
    return this.decoder.error;
  }

  /** Adds a chunk; true when the scanner should scan now (always after a decoding error). */
  write(chunk: Buffer, waiting: number): boolean {
    const text = this.decoder.write(chunk);
    this.parts.push(text);
    this.chars += text.length;
    if (this.decoder.error !== null) return true;
    return this.chars >= waiting || waiting + this.chars > this.maxRecordChars;
  }

  end(): void {
    this.parts.push(this.decoder.end());
  }

  take(): string {
    const text = this.parts.join('');
    this.parts = [];
    this.chars = 0;
    return text;
  }
}
