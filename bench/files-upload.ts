import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { ADMIN_TOKEN, seconds, startSqlServer, WORKSPACE } from './lib/sql-server';

/**
 * A 1 GiB file through `POST …/files`, against copying the same file on the same disk in the
 * same run: the upload's speed as a ratio to the copy's (target ≥ 0.5), and how much the
 * server's RSS grows over its idle level meanwhile (target < 100 MB: the file streams to disk,
 * it is never held). The copy is a stream copy synced at the end, as the server syncs what it
 * stores; the request body streams from disk too, so the bench never holds the file either.
 * Each is run twice and the faster run counts.
 */
const SIZE = 1024 ** 3;
const CHUNK = 1024 ** 2;
const RUNS = 2;
const SAMPLE_MS = 50;
const TARGET_RATIO = 0.5;
const TARGET_GROWTH_MB = 100;

const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'deeplake-bench-files-upload-'));
const source = path.join(dir, 'video.bin');

/** Incompressible bytes, a different megabyte each time, and their SHA-256. */
async function generate(): Promise<string> {
  const hash = createHash('sha256');
  const out = fs.createWriteStream(source);
  const block = randomBytes(CHUNK);
  for (let i = 0; i < SIZE / CHUNK; i++) {
    block.writeUInt32LE(i, 0);
    hash.update(block);
    if (!out.write(Buffer.from(block))) {
      await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    }
  }
  await new Promise<void>((resolve, reject) =>
    out.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
  return hash.digest('hex');
}

async function copyOnce(): Promise<number> {
  const target = path.join(dir, 'copy.bin');
  const started = performance.now();
  await pipeline(fs.createReadStream(source), fs.createWriteStream(target, { flush: true }));
  const ms = performance.now() - started;
  await fsp.rm(target);
  return ms;
}

interface Stored {
  id: string;
  size: number;
  sha256?: string;
}

/** The multipart body `curl -F file=@video.bin` sends, streamed from disk. */
function upload(baseUrl: string): Promise<Stored> {
  const boundary = `----deeplake-bench-${Date.now().toString(16)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="video.bin"\r\n` +
      'Content-Type: application/octet-stream\r\n\r\n',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return new Promise<Stored>((resolve, reject) => {
    const request = http.request(
      new URL(`${baseUrl}/workspaces/${WORKSPACE}/files`),
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${ADMIN_TOKEN}`,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': head.length + SIZE + tail.length,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (response.statusCode !== 201) {
            reject(new Error(`upload: ${response.statusCode} ${text.slice(0, 500)}`));
          } else {
            resolve(JSON.parse(text) as Stored);
          }
        });
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.write(head);
    const file = fs.createReadStream(source);
    file.on('error', reject);
    file.pipe(request, { end: false });
    file.on('end', () => request.end(tail));
  });
}

const mb = (bytes: number) => `${Math.round(bytes / 1e6)} MB`;
const speed = (ms: number) => `${Math.round(SIZE / 1024 ** 2 / (ms / 1000))} MiB/s`;

console.log(`generating 1 GiB under ${dir}…`);
const sha256 = await generate();
const bench = await startSqlServer(18_900, 'files-upload').catch(async (error: unknown) => {
  await fsp.rm(dir, { recursive: true, force: true });
  throw error;
});
const rss = () => {
  const status = fs.readFileSync(`/proc/${bench.pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)![1]) * 1024;
};

try {
  const cmdline = fs.readFileSync(`/proc/${bench.pid}/cmdline`, 'utf8').split('\0').join(' ');
  if (!cmdline.includes('server/main.ts')) throw new Error(`pid ${bench.pid} runs "${cmdline}"`);
  if ((await fsp.stat(bench.dataDir)).dev !== (await fsp.stat(dir)).dev) {
    throw new Error('the server stores files on another disk than the copy: not comparable');
  }
  // A first small upload loads the multipart and file-store code: code, not data.
  const form = new FormData();
  form.append('file', new Blob(['warm-up']), 'warm.txt');
  const warm = await fetch(`${bench.baseUrl}/workspaces/${WORKSPACE}/files`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    body: form,
  });
  if (warm.status !== 201) throw new Error(`warm-up upload: ${warm.status}`);
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const idle = rss();
  console.log(`server pid ${bench.pid}, idle RSS ${mb(idle)}`);

  const copies: number[] = [];
  const uploads: number[] = [];
  let peak = idle;
  for (let run = 1; run <= RUNS; run++) {
    const copyMs = await copyOnce();
    copies.push(copyMs);
    console.log(`copy ${run}: ${seconds(copyMs)} (${speed(copyMs)})`);

    let sampled = rss();
    const timer = setInterval(() => (sampled = Math.max(sampled, rss())), SAMPLE_MS);
    const started = performance.now();
    let stored: Stored;
    try {
      stored = await upload(bench.baseUrl);
    } finally {
      clearInterval(timer);
    }
    const uploadMs = performance.now() - started;
    sampled = Math.max(sampled, rss());
    peak = Math.max(peak, sampled);
    uploads.push(uploadMs);
    if (stored.size !== SIZE) throw new Error(`stored ${stored.size} bytes, not ${SIZE}`);
    if (stored.sha256 !== undefined && stored.sha256 !== sha256) {
      throw new Error('the stored file has another SHA-256 than the one sent');
    }
    console.log(
      `upload ${run}: ${seconds(uploadMs)} (${speed(uploadMs)}), server RSS peak ${mb(sampled)} (+${mb(sampled - idle)})`,
    );
    // Room on the disk for the next run.
    const removed = await fetch(`${bench.baseUrl}/workspaces/${WORKSPACE}/files/${stored.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    if (removed.status !== 204) throw new Error(`deleting the upload: ${removed.status}`);
  }

  const copyMs = Math.min(...copies);
  const uploadMs = Math.min(...uploads);
  const ratio = copyMs / uploadMs;
  const growth = peak - idle;
  console.log(
    `files-upload: 1 GiB through POST …/files at ${ratio.toFixed(2)}× the speed of a disk copy (${speed(uploadMs)} vs ${speed(copyMs)}; target ≥ ${TARGET_RATIO}×), server RSS +${mb(growth)} over idle (target < ${TARGET_GROWTH_MB} MB)`,
  );
} finally {
  await bench.close();
  await fsp.rm(dir, { recursive: true, force: true });
}
