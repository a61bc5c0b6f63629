import fs from 'node:fs';
import fsp from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { connectionUrl, runningPostmaster } from '../../server/db/embedded';
import { spawnServer, type SpawnedServer } from '../../server/test/spawn-server';

/**
 * The real server on a fresh data directory, with what the SQL benches measure it against: a
 * superuser URL of the very same embedded Postgres, so a baseline shares its disk, settings and
 * CPU with the endpoint it is compared to.
 */

export const ADMIN_TOKEN = 'bench-admin-token-0123456789abcdef';
export const WORKSPACE = 'default';

export interface QueryAnswer {
  columns: string[];
  rows: unknown[][];
  row_count: number;
  types: string[];
  command: string;
  duration_ms: number;
  truncated: boolean;
}

export interface TableDetails {
  table_name: string;
  columns: { name: string; type: string }[];
  row_count: number;
  size_mb: number;
}

export interface SqlBenchServer {
  server: SpawnedServer;
  /** The node process that runs server/main.ts. */
  pid: number;
  dataDir: string;
  baseUrl: string;
  /** The embedded Postgres superuser: the workspace role could not bypass what it is measured. */
  superuserUrl: string;
  postJson<T>(route: string, body: unknown): Promise<T>;
  query(query: string, params?: unknown[]): Promise<QueryAnswer>;
  close(): Promise<void>;
}

export async function startSqlServer(
  port: number,
  name: string,
  env: Record<string, string> = {},
): Promise<SqlBenchServer> {
  const dataDir = await fsp.mkdtemp(path.join(os.tmpdir(), `deeplake-bench-${name}-`));
  let server: SpawnedServer;
  try {
    server = await spawnServer({ port, dataDir, env: { ADMIN_TOKEN, ...env } });
  } catch (error) {
    await fsp.rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  const close = async () => {
    await server.stop();
    await fsp.rm(dataDir, { recursive: true, force: true });
  };
  try {
    const postmaster = await runningPostmaster(dataDir);
    if (!postmaster) throw new Error(`no embedded Postgres running under ${dataDir}`);
    const superuserUrl = await connectionUrl(dataDir, postmaster.port);
    const baseUrl = `http://127.0.0.1:${port}/api`;
    const postJson = async <T>(route: string, body: unknown): Promise<T> => {
      const res = await fetch(`${baseUrl}${route}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`POST ${route}: ${res.status} ${text.slice(0, 500)}`);
      return JSON.parse(text) as T;
    };
    return {
      server,
      pid: server.proc.pid!,
      dataDir,
      baseUrl,
      superuserUrl,
      postJson,
      query: (query, params) =>
        postJson<QueryAnswer>(`/workspaces/${WORKSPACE}/tables/query`, { query, params }),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

export interface Upload {
  table: TableDetails;
  /**
   * performance.now() when the last byte of the body was handed to the socket. The server reads
   * the upload with backpressure while it spools and scans it, so this is about when that
   * step ended and CREATE TABLE + COPY began.
   */
  sentAt: number;
}

/**
 * `POST …/tables` with the file streamed from disk into a hand-built multipart body, so the
 * bench never holds the file either and the server sees what `curl -F file=@…` sends.
 */
export async function uploadTable(
  bench: SqlBenchServer,
  file: string,
  tableName: string,
): Promise<Upload> {
  const boundary = `----deeplake-bench-${Date.now().toString(16)}`;
  const filename = path.basename(file);
  const field = (name: string, value: string) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const head = Buffer.from(
    field('table_name', tableName) +
      field('filename', filename) +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\n` +
      'Content-Type: text/csv\r\n\r\n',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const { size } = await fsp.stat(file);
  const url = new URL(`${bench.baseUrl}/workspaces/${WORKSPACE}/tables`);
  let sentAt = 0;
  return new Promise<Upload>((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${ADMIN_TOKEN}`,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': head.length + size + tail.length,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode !== 201) {
            reject(new Error(`upload: ${res.statusCode} ${text.slice(0, 500)}`));
          } else {
            resolve({ table: JSON.parse(text) as TableDetails, sentAt });
          }
        });
      },
    );
    req.on('error', reject);
    req.on('finish', () => (sentAt = performance.now()));
    req.write(head);
    const body = fs.createReadStream(file, { highWaterMark: 256 * 1024 });
    body.on('error', (error) => req.destroy(error));
    body.on('end', () => req.end(tail));
    body.pipe(req, { end: false });
  });
}

export const median = (values: readonly number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Nearest-rank percentile of an ascending array. */
export const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;

export const thousands = (n: number) => Math.round(n).toLocaleString('en-US');

export const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
