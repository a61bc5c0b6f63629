import type { BatchResult } from '../../../../contract/tables';
import { planChunks, type Chunk, type ChunkLimits } from './batch';

/**
 * Sends a batch's rows chunk after chunk, in order, stopping at the first failure or at a
 * cancel. Which rows stay applied is exact: every row of every chunk that completed, none of
 * the chunk that failed or was cancelled (each chunk is one transaction on the server).
 */

export interface BatchProgress {
  /** Rows in chunks that completed. */
  doneRows: number;
  totalRows: number;
  /** The chunk being sent now (1-based) and how many there are. */
  chunk: number;
  chunks: number;
}

export interface BatchSummary {
  /** Rows touched by the statement, summed over all chunks. */
  rowCount: number;
  /** Parameter rows sent. */
  rows: number;
  chunks: number;
  command?: string;
  /** Time the server spent, summed over the chunks, when it says. */
  serverMs?: number;
  /** Every chunk's answer said its rows were committed (QueryResult.committed). */
  committed: boolean;
}

/** The batch stopped: at a failing row, or because it was cancelled. */
export class BatchStopped extends Error {
  override readonly name = 'BatchStopped';
  constructor(
    readonly reason: 'failed' | 'cancelled',
    /** The chunk that did not complete. */
    readonly chunk: Chunk,
    /** How many chunks there were. */
    readonly chunks: number,
    /** Rows of the completed chunks (they stay applied). */
    readonly committedRows: number,
    /** Rows touched by the completed chunks. */
    readonly committedRowCount: number,
    /** The failing row's index in the whole batch, when the server named it. */
    readonly failedRow: number | null,
    /** What went wrong: the server's error, or the abort. */
    override readonly cause: unknown,
  ) {
    super(
      reason === 'cancelled'
        ? 'Cancelled'
        : cause instanceof Error
          ? cause.message
          : 'The batch failed',
    );
  }
}

export interface RunBatchOptions {
  rows: readonly (readonly unknown[])[];
  /** Sends one chunk; must reject with an AbortError when `signal` aborts. */
  send: (rows: unknown[][], signal: AbortSignal) => Promise<BatchResult>;
  signal: AbortSignal;
  limits?: ChunkLimits;
  onProgress?: (progress: BatchProgress) => void;
  /** The row a failed chunk names (0-based within the chunk), read from the error; or null. */
  failedIndex: (error: unknown) => number | null;
}

const isAbort = (error: unknown) => error instanceof DOMException && error.name === 'AbortError';

export async function runBatchInChunks({
  rows,
  send,
  signal,
  limits,
  onProgress,
  failedIndex,
}: RunBatchOptions): Promise<BatchSummary> {
  const chunks = planChunks(rows, limits);
  let rowCount = 0;
  let serverMs: number | undefined;
  let command: string | undefined;
  let committed = true;
  for (let c = 0; c < chunks.length; c++) {
    const chunk = chunks[c]!;
    onProgress?.({
      doneRows: chunk.start,
      totalRows: rows.length,
      chunk: c + 1,
      chunks: chunks.length,
    });
    const stop = (reason: 'failed' | 'cancelled', failedRow: number | null, cause: unknown) =>
      new BatchStopped(reason, chunk, chunks.length, chunk.start, rowCount, failedRow, cause);
    if (signal.aborted) throw stop('cancelled', null, signal.reason);
    let result: BatchResult;
    try {
      result = await send(rows.slice(chunk.start, chunk.end) as unknown[][], signal);
    } catch (error) {
      if (isAbort(error) || signal.aborted) throw stop('cancelled', null, error);
      const index = failedIndex(error);
      const failedRow =
        index !== null && index >= 0 && index < chunk.end - chunk.start
          ? chunk.start + index
          : null;
      throw stop('failed', failedRow, error);
    }
    rowCount += result.row_count;
    if (result.duration_ms !== undefined) serverMs = (serverMs ?? 0) + result.duration_ms;
    command ??= result.command;
    committed &&= result.committed === true;
  }
  onProgress?.({
    doneRows: rows.length,
    totalRows: rows.length,
    chunk: chunks.length,
    chunks: chunks.length,
  });
  return {
    rowCount,
    rows: rows.length,
    chunks: chunks.length,
    committed,
    ...(command !== undefined ? { command } : {}),
    ...(serverMs !== undefined ? { serverMs } : {}),
  };
}
