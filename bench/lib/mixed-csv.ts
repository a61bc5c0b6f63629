import { once } from 'node:events';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * A CSV of mixed column types, about 100 bytes a row, written as it is generated so that a
 * 100 MB file never sits in memory. Seeded, so every run loads the same bytes. Quoted fields with
 * commas, doubled quotes and JSON objects keep the parser on its slow path some of the time, as
 * real exports do.
 */

export const CSV_HEADER = 'id,name,amount,created_at,day,active,uid,meta';

const FIRST = ['Ada', 'Alan', 'Grace', 'Edsger', 'Barbara', 'Donald', 'Frances', 'Ken', 'Leslie'];
const LAST = ['Lovelace', 'Turing', 'Hopper', 'Dijkstra', 'Liskov', 'Knuth', 'Allen', 'Thompson'];
const TAGS = ['red', 'green', 'blue', 'amber'];
const EPOCH_2020 = Date.UTC(2020, 0, 1);
const FOUR_YEARS_MS = 4 * 365 * 24 * 3600 * 1000;

/** mulberry32: tiny, fast and good enough to make values look unrelated. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hex8 = (n: number) => (n >>> 0).toString(16).padStart(8, '0');

function csvRow(i: number, next: () => number): string {
  const word = (list: readonly string[]) => list[Math.floor(next() * list.length)]!;
  const id = i + 1;
  let name: string;
  if (id % 10 === 0) name = `"${word(LAST)}, ${word(FIRST)}"`;
  else if (id % 25 === 1) name = `"${word(FIRST)} ""${word(TAGS)}"" ${word(LAST)}"`;
  else name = `${word(FIRST)}${id % 100}`;
  const amount = (next() * 12_000 - 2_000).toFixed(2);
  const createdAt = new Date(EPOCH_2020 + Math.floor(next() * FOUR_YEARS_MS)).toISOString();
  const day = new Date(EPOCH_2020 + Math.floor(next() * FOUR_YEARS_MS)).toISOString();
  const active = next() < 0.5 ? 'true' : 'false';
  const a = hex8(next() * 4294967296);
  const b = hex8(next() * 4294967296);
  const c = hex8(next() * 4294967296);
  const d = hex8(next() * 4294967296);
  const uid = `${a}-${b.slice(0, 4)}-4${b.slice(5)}-a${c.slice(1, 4)}-${c.slice(4)}${d}`;
  // Mostly empty (NULL), so the row stays near 100 bytes while the column is still jsonb.
  const meta = id % 8 === 0 ? `"{""n"":${id % 997},""tag"":""${word(TAGS)}""}"` : '';
  // Whole seconds only: '…:05Z' rather than '…:05.000Z'.
  return `${id},${name},${amount},${createdAt.slice(0, 19)}Z,${day.slice(0, 10)},${active},${uid},${meta}\n`;
}

/** Writes `rows` data rows (plus the header) to `file`; resolves with its size in bytes. */
export async function writeMixedCsv(file: string, rows: number, seed = 42): Promise<number> {
  const out = fs.createWriteStream(file);
  const next = random(seed);
  const closed = once(out, 'close');
  try {
    out.write(`${CSV_HEADER}\n`);
    let chunk = '';
    for (let i = 0; i < rows; i++) {
      chunk += csvRow(i, next);
      if (chunk.length >= 256 * 1024) {
        if (!out.write(chunk)) await once(out, 'drain');
        chunk = '';
      }
    }
    out.end(chunk);
    await closed;
  } catch (error) {
    out.destroy();
    throw error;
  }
  return (await fsp.stat(file)).size;
}

/** A fresh temp directory holding the generated CSV; the caller removes `dir`. */
export async function mixedCsvFile(
  rows: number,
): Promise<{ dir: string; file: string; bytes: number }> {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'deeplake-bench-csv-'));
  const file = path.join(dir, 'mixed.csv');
  try {
    return { dir, file, bytes: await writeMixedCsv(file, rows) };
  } catch (error) {
    await fsp.rm(dir, { recursive: true, force: true });
    throw error;
  }
}

export const megabytes = (bytes: number) => `${Math.round(bytes / 1e6)} MB`;
