import { describe, expect, it, vi } from 'vitest';
import type { BatchResult } from '../../../../contract/tables';
import { BatchStopped, runBatchInChunks, type BatchProgress } from './batch-runner';

const rows = (count: number) => Array.from({ length: count }, (_, i) => [i]);
const limits = { maxRows: 4, maxBytes: 1e9 };
const ok = (chunk: unknown[][]): BatchResult => ({
  row_count: chunk.length,
  results: chunk.map(() => ({ row_count: 1 })),
  command: 'INSERT',
  duration_ms: 2,
  committed: true,
});

class RowFailure extends Error {
  constructor(readonly index: number) {
    super(`params_batch[${index}]: bad`);
  }
}

describe('runBatchInChunks', () => {
  it('counts the batch committed only when every answer says so', async () => {
    let calls = 0;
    const summary = await runBatchInChunks({
      rows: rows(10),
      limits,
      signal: new AbortController().signal,
      // The second answer, as the hosted service's, says nothing of it.
      send: async (chunk) => ({ ...ok(chunk), committed: ++calls === 2 ? undefined : true }),
      failedIndex: () => null,
    });
    expect(summary.committed).toBe(false);
  });

  it('sends the chunks in order and sums what they touched', async () => {
    const sent: unknown[][][] = [];
    const progress: BatchProgress[] = [];
    const summary = await runBatchInChunks({
      rows: rows(10),
      limits,
      signal: new AbortController().signal,
      send: async (chunk) => {
        sent.push(chunk);
        return ok(chunk);
      },
      failedIndex: () => null,
      onProgress: (p) => progress.push(p),
    });
    expect(sent.map((chunk) => chunk.map((row) => row[0]))).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6, 7],
      [8, 9],
    ]);
    expect(summary).toEqual({
      rowCount: 10,
      rows: 10,
      chunks: 3,
      command: 'INSERT',
      serverMs: 6,
      committed: true,
    });
    expect(progress.map((p) => [p.doneRows, p.chunk])).toEqual([
      [0, 1],
      [4, 2],
      [8, 3],
      [10, 3],
    ]);
  });

  it('names the failing row of the whole batch and what stays applied', async () => {
    const send = vi.fn(async (chunk: unknown[][]) => {
      if (chunk.some((row) => row[0] === 6)) throw new RowFailure(2);
      return ok(chunk);
    });
    const error = await runBatchInChunks({
      rows: rows(10),
      limits,
      signal: new AbortController().signal,
      send,
      failedIndex: (e) => (e instanceof RowFailure ? e.index : null),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BatchStopped);
    const stopped = error as BatchStopped;
    expect(stopped.reason).toBe('failed');
    expect(stopped.failedRow).toBe(6);
    expect(stopped.chunk).toEqual({ start: 4, end: 8 });
    expect(stopped.committedRows).toBe(4);
    expect(stopped.committedRowCount).toBe(4);
    expect(stopped.message).toBe('params_batch[2]: bad');
    // Nothing after the failing chunk is sent.
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('ignores a failing index outside the chunk', async () => {
    const error = (await runBatchInChunks({
      rows: rows(3),
      limits,
      signal: new AbortController().signal,
      send: async () => {
        throw new RowFailure(99);
      },
      failedIndex: (e) => (e as RowFailure).index,
    }).catch((e: unknown) => e)) as BatchStopped;
    expect(error.failedRow).toBeNull();
  });

  it('stops at a cancel, keeping the chunks that completed', async () => {
    const controller = new AbortController();
    const send = vi.fn(async (chunk: unknown[][], signal: AbortSignal) => {
      if (chunk[0]![0] === 4) {
        controller.abort();
        signal.throwIfAborted();
      }
      return ok(chunk);
    });
    const error = (await runBatchInChunks({
      rows: rows(10),
      limits,
      signal: controller.signal,
      send,
      failedIndex: () => null,
    }).catch((e: unknown) => e)) as BatchStopped;
    expect(error.reason).toBe('cancelled');
    expect(error.committedRows).toBe(4);
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('does not start when already cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const send = vi.fn();
    const error = (await runBatchInChunks({
      rows: rows(2),
      signal: controller.signal,
      send,
      failedIndex: () => null,
    }).catch((e: unknown) => e)) as BatchStopped;
    expect(error.reason).toBe('cancelled');
    expect(send).not.toHaveBeenCalled();
  });
});
