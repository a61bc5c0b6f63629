/**
 * Framing of what Postgres sends, read before node-postgres's parser sees it. Every backend
 * message is a type byte and an int32 length, then its body; the parser collects a whole body
 * into one Buffer and then into strings, whatever its length, so a 600 MB value costs gigabytes
 * and one past V8's string limit throws inside the socket's 'data' event. Here each length is
 * known from its header, before its body arrives: a message over the cap never goes on to the
 * parser, and the connection is dropped instead (see GuardedSocket).
 */

/** The cap workspace sessions start with: the default of the query result's byte cap. */
export const DEFAULT_MESSAGE_CAP = 64 * 1024 * 1024;

const DATA_ROW = 0x44; // 'D'
const ERROR_RESPONSE = 0x45; // 'E'
const NOTICE_RESPONSE = 0x4e; // 'N'
const ROW_DESCRIPTION = 0x54; // 'T'
const COMMAND_COMPLETE = 0x43; // 'C'
const EMPTY_QUERY = 0x49; // 'I'
const READY_FOR_QUERY = 0x5a; // 'Z'
const BACKEND_KEY_DATA = 0x4b; // 'K'

/** Column names are kept from row descriptions up to this size (1,664 columns fit easily). */
const ROW_DESCRIPTION_KEPT = 1024 * 1024;
/** How much of an oversized error is read, for its code and the start of its message. */
const ERROR_START_KEPT = 2048;
/** How much of that message the API error quotes. */
const ERROR_START_QUOTED = 200;

export type TooLargeKind = 'value' | 'row' | 'error' | 'message';

/**
 * Postgres sent a message over the cap: a value, a row, an error text. It was not read; the
 * statement's connection is dropped and its backend cancelled.
 */
export class MessageTooLargeError extends Error {
  override name = 'MessageTooLargeError';
  constructor(
    message: string,
    readonly kind: TooLargeKind,
    /** The cap, in bytes. */
    readonly limit: number,
    /** Size of what was over it: the value, the row's message or the error's message. */
    readonly bytes: number,
    /** The SQLSTATE of an oversized error, when its start carried one. */
    readonly sqlstate?: string,
  ) {
    super(message);
  }
}

/** Postgres sent bytes that are not a message (a length under 4): the stream is unreadable. */
export class ProtocolError extends Error {
  override name = 'ProtocolError';
}

/** `64 MiB`, `1.5 MiB`, `900 KiB`: sizes as the error texts give them. */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  if (unit === 0) return `${bytes} bytes`;
  const shown = value >= 100 ? Math.round(value) : value.toFixed(1).replace(/\.0$/, '');
  return `${shown} ${units[unit]}`;
}

/** `2 MiB, over the 1 MiB limit`; in bytes when the rounded size would read as the limit. */
function overTheLimit(size: number, limit: number) {
  const limitText = formatBytes(limit);
  let sizeText = formatBytes(size);
  const [sizeNumber, sizeUnit] = sizeText.split(' ');
  const [limitNumber, limitUnit] = limitText.split(' ');
  if (sizeUnit === limitUnit && Number(sizeNumber) <= Number(limitNumber)) {
    sizeText = `${size.toLocaleString('en-US')} bytes`;
  }
  return `${sizeText}, over the ${limitText} limit`;
}

/** A column as the text quotes it and as SQL would name it in `left(…)`. */
function columnRef(name: string | undefined, index: number) {
  if (name === undefined) return { label: `${index + 1}`, sql: 'col' };
  const sql = /^[a-z_][a-z0-9_$]*$/.test(name) ? name : `"${name.replaceAll('"', '""')}"`;
  return { label: `"${name}"`, sql };
}

type Mode =
  /** Between messages, or inside a header. */
  | 'header'
  /** Inside the body of a message within the cap: its bytes go on. */
  | 'body'
  /** Inside an oversized DataRow: its field lengths are read, its values skipped. */
  | 'scan-row'
  /** Reading the start of an oversized error or notice. */
  | 'error-start'
  /** A verdict was reached: nothing more goes on. */
  | 'stopped';

/**
 * The framing state of one connection's incoming bytes. `feed` says how much of each chunk may
 * go on to the parser; once a message is over `limit`, nothing of it does, and `failure` says
 * why once enough of it was read to say (for a row: which column). A header split across two
 * reads is the exception: up to 4 of its bytes went on with the first, before its length was
 * known. The parser holds those as an incomplete header, and the connection is dropped with it.
 * What it holds of its own is small whatever it is fed (a row description's names, a few KiB of
 * an oversized error): the values it skips are never copied.
 */
export class MessageGuard {
  /** Largest body (bytes after the length) a message may have. Can change between messages. */
  limit: number;
  /** Set once a message was refused (or the bytes made no sense); the connection must go. */
  failure: MessageTooLargeError | ProtocolError | null = null;
  /** The backend's process id and secret from BackendKeyData, for a CancelRequest. */
  backendKey: { processId: number; secret: Buffer } | null = null;

  private mode: Mode = 'header';
  /** Header bytes, or the small fixed-size fields of an oversized row. */
  private readonly small = Buffer.alloc(5);
  private smallFill = 0;
  private code = 0;
  private bodyLeft = 0;
  /** A copy of a small message's body the guard reads itself (column names, backend key). */
  private kept: Buffer | null = null;
  private keptFill = 0;
  /** DataRows of the current result so far, and its column names. */
  private rows = 0;
  private columns: string[] = [];
  /** Body size of the refused message. */
  private refusedBytes = 0;
  // An oversized row, while its field lengths are read.
  private fieldCount = -1;
  private field = 0;
  private fieldLeft = 0;
  private valueSum = 0;

  constructor(limit: number) {
    this.limit = limit;
  }

  /** How many bytes at the start of `chunk` may go on; the rest must be dropped. */
  feed(chunk: Buffer): number {
    let passes = this.mode === 'header' || this.mode === 'body' ? chunk.length : 0;
    let at = 0;
    /** Where in this chunk the message being read began (0 if in an earlier chunk). */
    let messageStart = 0;
    while (at < chunk.length && this.mode !== 'stopped') {
      switch (this.mode) {
        case 'header': {
          let code: number;
          let length: number;
          if (this.smallFill === 0 && at + 5 <= chunk.length) {
            // The common case, read in place: the whole header is in this chunk.
            messageStart = at;
            code = chunk[at]!;
            length = chunk.readInt32BE(at + 1);
            at += 5;
          } else {
            if (this.smallFill === 0) messageStart = at;
            at = this.fill(chunk, at, 5);
            if (this.smallFill < 5) break;
            this.smallFill = 0;
            code = this.small[0]!;
            length = this.small.readInt32BE(1);
          }
          if (!this.startMessage(code, length)) passes = Math.min(passes, messageStart);
          break;
        }
        case 'body': {
          const take = Math.min(this.bodyLeft, chunk.length - at);
          if (this.kept) {
            chunk.copy(this.kept, this.keptFill, at, at + take);
            this.keptFill += take;
          }
          at += take;
          this.bodyLeft -= take;
          if (this.bodyLeft === 0) this.endMessage();
          break;
        }
        case 'scan-row':
          at = this.scanRow(chunk, at);
          break;
        case 'error-start': {
          const take = Math.min(this.kept!.length - this.keptFill, chunk.length - at);
          chunk.copy(this.kept!, this.keptFill, at, at + take);
          this.keptFill += take;
          at += take;
          if (this.keptFill === this.kept!.length) this.refuseError();
          break;
        }
      }
    }
    return passes;
  }

  /** Copies up to `size` bytes into `small`; returns where it stopped reading `chunk`. */
  private fill(chunk: Buffer, at: number, size: number) {
    const take = Math.min(size - this.smallFill, chunk.length - at);
    chunk.copy(this.small, this.smallFill, at, at + take);
    this.smallFill += take;
    return at + take;
  }

  /** Returns false when the message is refused (its bytes must not go on). */
  private startMessage(code: number, length: number): boolean {
    if (length < 4) {
      this.stop(new ProtocolError(`Postgres sent a message with length ${length}`));
      return false;
    }
    const body = length - 4;
    this.code = code;
    if (code === DATA_ROW) this.rows++;
    if (body > this.limit) {
      this.refusedBytes = body;
      if (code === DATA_ROW) {
        this.mode = 'scan-row';
        this.fieldCount = -1;
        this.field = 0;
        this.fieldLeft = 0;
        this.valueSum = 0;
      } else if (code === ERROR_RESPONSE || code === NOTICE_RESPONSE) {
        this.mode = 'error-start';
        this.kept = Buffer.alloc(Math.min(body, ERROR_START_KEPT));
        this.keptFill = 0;
      } else {
        const type = String.fromCharCode(code);
        this.stop(
          new MessageTooLargeError(
            `Postgres sent a message (type '${type}') of ${overTheLimit(body, this.limit)}`,
            'message',
            this.limit,
            body,
          ),
        );
      }
      return false;
    }
    if (code === ROW_DESCRIPTION || code === COMMAND_COMPLETE || code === EMPTY_QUERY) {
      this.rows = 0;
    }
    const keep =
      (code === ROW_DESCRIPTION && body <= ROW_DESCRIPTION_KEPT) ||
      (code === BACKEND_KEY_DATA && body <= 256);
    this.kept = keep ? Buffer.alloc(body) : null;
    this.keptFill = 0;
    this.bodyLeft = body;
    this.mode = 'body';
    if (body === 0) this.endMessage();
    return true;
  }

  private endMessage() {
    const kept = this.kept;
    this.kept = null;
    this.mode = 'header';
    if (this.code === READY_FOR_QUERY) this.rows = 0;
    if (this.code === ROW_DESCRIPTION) this.columns = kept ? columnNames(kept) : [];
    if (this.code === BACKEND_KEY_DATA && kept && kept.length >= 8) {
      this.backendKey = { processId: kept.readInt32BE(0), secret: Buffer.from(kept.subarray(4)) };
    }
  }

  /** An oversized DataRow: Int16 field count, then per field Int32 length (-1 = NULL) and bytes. */
  private scanRow(chunk: Buffer, at: number) {
    if (this.fieldCount < 0) {
      at = this.fill(chunk, at, 2);
      if (this.smallFill < 2) return at;
      this.smallFill = 0;
      this.fieldCount = this.small.readInt16BE(0);
    } else if (this.fieldLeft > 0) {
      const take = Math.min(this.fieldLeft, chunk.length - at);
      this.fieldLeft -= take;
      at += take;
    } else {
      at = this.fill(chunk, at, 4);
      if (this.smallFill < 4) return at;
      this.smallFill = 0;
      const length = this.small.readInt32BE(0);
      const field = this.field++;
      if (length > this.limit) {
        this.refuseValue(field, length);
        return at;
      }
      this.valueSum += Math.max(length, 0);
      if (this.valueSum > this.limit) {
        this.refuseRow(field);
        return at;
      }
      this.fieldLeft = Math.max(length, 0);
    }
    // Every value was within the cap and so was their sum: the per-field lengths took it over.
    if (this.field >= this.fieldCount && this.fieldLeft === 0) this.refuseRow(this.fieldCount - 1);
    return at;
  }

  private refuseValue(field: number, length: number) {
    const column = columnRef(this.columns[field], field);
    this.stop(
      new MessageTooLargeError(
        `A value in row ${this.rows}, column ${column.label}, is ${overTheLimit(length, this.limit)}: select a part of it, e.g. left(${column.sql}, 1000), or its size with octet_length(${column.sql})`,
        'value',
        this.limit,
        length,
      ),
    );
  }

  private refuseRow(field: number) {
    const column = columnRef(this.columns[field], field);
    this.stop(
      new MessageTooLargeError(
        `Row ${this.rows} is ${overTheLimit(this.refusedBytes, this.limit)} for one row (its values pass the limit at column ${column.label}): select fewer columns, or parts of them, e.g. left(${column.sql}, 1000)`,
        'row',
        this.limit,
        this.refusedBytes,
      ),
    );
  }

  private refuseError() {
    const fields = errorFields(this.kept!);
    this.kept = null;
    const severity = this.code === NOTICE_RESPONSE ? 'notice' : 'error';
    const said = fields.message ?? '';
    const start =
      said === ''
        ? ''
        : `; it begins: ${said.length > ERROR_START_QUOTED ? `${said.slice(0, ERROR_START_QUOTED)}…` : said}`;
    this.stop(
      new MessageTooLargeError(
        `The statement's ${severity} message from Postgres is ${overTheLimit(this.refusedBytes, this.limit)}, so it is not shown whole${start}`,
        'error',
        this.limit,
        this.refusedBytes,
        fields.code,
      ),
    );
  }

  private stop(failure: MessageTooLargeError | ProtocolError) {
    this.failure = failure;
    this.mode = 'stopped';
    this.kept = null;
  }
}

/** Names from a RowDescription body: Int16 count, then per field a C string and 18 bytes. */
function columnNames(body: Buffer): string[] {
  const names: string[] = [];
  if (body.length < 2) return names;
  const count = body.readInt16BE(0);
  let at = 2;
  for (let i = 0; i < count; i++) {
    const end = body.indexOf(0, at);
    if (end === -1) break;
    names.push(body.toString('utf8', at, end));
    at = end + 1 + 18;
  }
  return names;
}

/** The code and message of an ErrorResponse's start: fields are a type byte and a C string. */
function errorFields(start: Buffer): { code?: string; message?: string } {
  const fields: { code?: string; message?: string } = {};
  let at = 0;
  while (at < start.length && start[at] !== 0) {
    const type = String.fromCharCode(start[at]!);
    const end = start.indexOf(0, at + 1);
    // The last field read may be cut off: its text is what arrived (a broken last character
    // decodes as U+FFFD).
    const text = start.toString('utf8', at + 1, end === -1 ? start.length : end);
    if (type === 'C' && end !== -1) fields.code = text;
    if (type === 'M') fields.message = text;
    if (end === -1) break;
    at = end + 1;
  }
  return fields;
}
