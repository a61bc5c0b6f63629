import { once } from 'node:events';
import pg from 'pg';
import { serialize } from 'pg-protocol';
import type { PostgresError } from '../index';

/**
 * The exchanges of a workspace session with Postgres, over the wire protocol's extended query
 * flow. node-postgres runs one statement per round trip and buffers whole results; here a
 * statement's rows are fetched in chunks so a result can be capped mid-way, and a batch is
 * pipelined: every parameter row is sent before the one Sync that ends the implicit transaction.
 */

export interface ResultColumn {
  name: string;
  typeOid: number;
}

/** A raw text value from Postgres, or null for SQL NULL. */
export type WireValue = string | null;

export interface StatementShape {
  paramTypes: number[];
  /** null when the statement returns no rows (INSERT without RETURNING, DDL). */
  columns: ResultColumn[] | null;
}

export interface ExecuteOptions {
  /** Stop after this many rows; the result is then `truncated`. */
  maxRows: number;
  /** Stop once the rows' text adds up to this many characters. */
  maxChars: number;
  /** Makes the per-row converter once the columns are known. */
  rowReader: (columns: ResultColumn[]) => (fields: WireValue[]) => unknown;
}

export interface ExecuteResult {
  columns: ResultColumn[];
  rows: unknown[];
  /** The command tag without its counts: `SELECT`, `INSERT`, `CREATE TABLE`. */
  command: string;
  /** The count in the command tag (rows touched), when the statement ran to its end. */
  tagCount: number | null;
  truncated: boolean;
}

/** A batch row failed: `index` is its position in the batch (0-based). */
export class BatchRowError extends Error {
  constructor(
    readonly index: number,
    override readonly cause: PostgresError,
  ) {
    super(cause.message);
    this.name = 'BatchRowError';
  }
}

/** What an exchange sees of node-postgres's connection: its socket and its message events. */
interface Connection {
  stream: NodeJS.WritableStream & { write(buffer: Buffer): boolean };
  on(event: string, listener: (message: never) => void): void;
  off(event: string, listener: (message: never) => void): void;
}

interface CommandCompleteMessage {
  text: string;
}
interface RowDescriptionMessage {
  fields: { name: string; dataTypeID: number }[];
}
interface DataRowMessage {
  fields: WireValue[];
}

/**
 * One exchange with the server that ends at ReadyForQuery. node-postgres calls these handlers
 * for the messages it routes to the active query; anything else is read off the connection.
 */
export abstract class Exchange<T> {
  readonly done: Promise<T>;
  protected resolve!: (value: T) => void;
  protected reject!: (error: unknown) => void;
  protected connection!: Connection;
  protected failure: unknown = null;
  private syncSent = false;

  constructor() {
    this.done = new Promise<T>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }

  submit(connection: Connection) {
    this.connection = connection;
    this.start();
  }

  protected abstract start(): void;
  protected abstract result(): T;

  protected send(...messages: Buffer[]) {
    if (messages.length === 1) this.connection.stream.write(messages[0]!);
    else this.connection.stream.write(Buffer.concat(messages));
  }

  protected sync() {
    if (this.syncSent) return;
    this.syncSent = true;
    this.send(serialize.sync());
  }

  handleRowDescription(_message: RowDescriptionMessage) {}
  handleDataRow(_message: DataRowMessage) {}
  handlePortalSuspended() {}
  handleCommandComplete(_message: CommandCompleteMessage) {}
  handleEmptyQuery() {}

  handleError(error: unknown) {
    if (error instanceof pg.DatabaseError) {
      // The server skips everything up to Sync, then says ReadyForQuery. node-postgres stops
      // routing messages to this exchange at the error, and holds its next query until then.
      this.failure ??= this.explain(error);
      this.afterServerError();
    } else {
      this.failure ??= error;
    }
    this.cleanup();
    this.reject(this.failure);
  }

  protected afterServerError() {
    this.sync();
  }

  /** What the caller is told about an error the server sent. */
  protected explain(error: pg.DatabaseError): unknown {
    return error;
  }

  handleReadyForQuery() {
    this.cleanup();
    if (this.failure) this.reject(this.failure);
    else this.resolve(this.result());
  }

  handleCopyInResponse() {
    this.send(serialize.copyFail('COPY FROM STDIN is not available here'));
  }
  handleCopyData() {}

  protected cleanup() {}
}

export class Describe extends Exchange<StatementShape> {
  private paramTypes: number[] = [];
  private columns: ResultColumn[] | null = null;
  private readonly onParameters = (message: { dataTypeIDs: number[] }) => {
    this.paramTypes = message.dataTypeIDs;
  };

  constructor(private readonly text: string) {
    super();
  }

  protected start() {
    this.connection.on('parameterDescription', this.onParameters as (message: never) => void);
    this.send(serialize.parse({ text: this.text }), serialize.describe({ type: 'S' }));
    // Through sync(), which remembers it was sent: an error must not add a second Sync, whose
    // extra ReadyForQuery would land in the next statement on this connection.
    this.sync();
  }

  override handleRowDescription(message: RowDescriptionMessage) {
    this.columns = message.fields.map((field) => ({ name: field.name, typeOid: field.dataTypeID }));
  }

  protected override cleanup() {
    this.connection.off('parameterDescription', this.onParameters as (message: never) => void);
  }

  protected result() {
    return { paramTypes: this.paramTypes, columns: this.columns };
  }
}

/** Rows come in chunks of this many, so a cap can stop the portal between two chunks. */
export const CHUNK_ROWS = 2_000;

export class Execute extends Exchange<ExecuteResult> {
  private columns: ResultColumn[] = [];
  private readRow: ((fields: WireValue[]) => unknown) | null = null;
  private readonly rows: unknown[] = [];
  private chars = 0;
  private truncated = false;
  private tag = '';

  constructor(
    private readonly text: string | null,
    private readonly values: readonly WireValue[],
    private readonly options: ExecuteOptions,
  ) {
    super();
  }

  protected start() {
    const messages: Buffer[] = [];
    if (this.text !== null) messages.push(serialize.parse({ text: this.text }));
    messages.push(
      serialize.bind({ values: this.values as WireValue[] }),
      serialize.describe({ type: 'P' }),
      serialize.execute({ rows: this.chunk() }),
      serialize.flush(),
    );
    this.send(...messages);
  }

  private chunk() {
    return Math.min(CHUNK_ROWS, this.options.maxRows - this.rows.length + 1);
  }

  override handleRowDescription(message: RowDescriptionMessage) {
    this.columns = message.fields.map((field) => ({ name: field.name, typeOid: field.dataTypeID }));
    this.readRow = this.options.rowReader(this.columns);
  }

  override handleDataRow(message: DataRowMessage) {
    if (this.truncated) return;
    if (this.rows.length >= this.options.maxRows || this.chars >= this.options.maxChars) {
      this.truncated = true;
      return;
    }
    for (const field of message.fields) if (field !== null) this.chars += field.length;
    this.rows.push(this.readRow!(message.fields));
  }

  override handlePortalSuspended() {
    if (this.truncated || this.chars >= this.options.maxChars) {
      this.truncated = true;
      this.send(serialize.close({ type: 'P' }));
      this.sync();
    } else {
      this.send(serialize.execute({ rows: this.chunk() }), serialize.flush());
    }
  }

  override handleCommandComplete(message: CommandCompleteMessage) {
    this.tag = message.text;
    this.sync();
  }

  override handleEmptyQuery() {
    this.sync();
  }

  protected result(): ExecuteResult {
    const { command, count } = parseCommandTag(this.tag);
    return {
      columns: this.columns,
      rows: this.rows,
      command,
      tagCount: this.truncated ? null : count,
      truncated: this.truncated,
    };
  }
}

/** Rows are written in groups of this many, then the writer waits if the socket is full. */
const PIPELINE_GROUP = 500;
const BATCH_STATEMENT = 'deeplake_console_batch';

export class Pipeline extends Exchange<number[]> {
  private readonly counts: number[] = [];
  private writing = true;
  private parsed = false;
  private readonly onParsed = () => {
    this.parsed = true;
  };

  constructor(
    private readonly text: string,
    private readonly rows: Iterable<readonly WireValue[]>,
    private readonly rowCount: number,
  ) {
    super();
  }

  protected start() {
    this.connection.on('parseComplete', this.onParsed);
    this.write().then(
      () => this.sync(),
      (error: unknown) => {
        // Rows sent so far must not be committed by the Sync: an Execute of a portal that does
        // not exist fails the implicit transaction first.
        this.failure ??= error;
        this.send(serialize.execute({ portal: 'deeplake_console_aborted' }));
        this.sync();
      },
    );
  }

  private async write() {
    try {
      const stream = this.connection.stream;
      // Named, so the server plans it once for all rows rather than at every Bind.
      let group: Buffer[] = [serialize.parse({ name: BATCH_STATEMENT, text: this.text })];
      for (const values of this.rows) {
        if (this.failure) break;
        group.push(
          serialize.bind({ statement: BATCH_STATEMENT, values: values as WireValue[] }),
          serialize.execute(),
        );
        if (group.length >= PIPELINE_GROUP * 2) {
          const full = !stream.write(Buffer.concat(group));
          group = [];
          if (full) await once(stream, 'drain');
        }
      }
      group.push(serialize.close({ type: 'S', name: BATCH_STATEMENT }));
      stream.write(Buffer.concat(group));
    } finally {
      this.writing = false;
    }
  }

  // Nothing may follow the Sync in this exchange, so while rows are still being written the
  // writer sends it when it stops.
  protected override afterServerError() {
    if (!this.writing) this.sync();
  }

  protected override cleanup() {
    this.connection.off('parseComplete', this.onParsed);
  }

  override handleCommandComplete(message: CommandCompleteMessage) {
    this.counts.push(parseCommandTag(message.text).count ?? 0);
  }

  /** Every row before the failing one completed; an error before the parse is the statement's. */
  protected override explain(error: pg.DatabaseError) {
    return this.parsed && this.counts.length < this.rowCount
      ? new BatchRowError(this.counts.length, error as PostgresError)
      : error;
  }

  protected result() {
    return this.counts;
  }
}

export function parseCommandTag(tag: string): { command: string; count: number | null } {
  const match = /^(.*?)((?: \d+)*)$/.exec(tag);
  const command = match?.[1] ?? tag;
  const numbers = (match?.[2] ?? '').trim().split(' ').filter(Boolean);
  return { command, count: numbers.length > 0 ? Number(numbers[numbers.length - 1]) : null };
}
