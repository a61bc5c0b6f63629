import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import sharp from 'sharp';
import config from '../playwright.config';
import { timeWhen } from './lib/page-timing';
import { ADMIN_TOKEN, seconds, startSqlServer, WORKSPACE } from './lib/sql-server';

/**
 * The gallery in Chromium against the real server: from opening the Files page to 100 image
 * thumbnails on screen (every <img> decoded). Target: under 1 s. Measured in fresh browsers
 * (nothing cached), as the uploader who just uploaded them finds them: the server has made the
 * gallery's thumbnails right after each upload. Then the same with no thumbnail made (files of
 * an older server, or opened before the server got to them: it makes them on the way), and again
 * in a browser that has shown the page before. Then the workspace grows to 10,000 files and the
 * same page, paging to its end and back, is timed again, with the longest main-thread task seen
 * meanwhile (what would make scrolling or typing stutter).
 */
const IMAGES = 100;
const TOTAL = 10_000;
const UPLOAD_CONCURRENCY = 8;
const TARGET_MS = 1_000;
/** Fresh browsers per figure: the machine's two cores also run the server, so runs vary. */
const RUNS = 5;
// Tall enough that the whole page of 100 tiles is on screen: each one is "visible".
const VIEWPORT = { width: 1920, height: 3600 };
const GALLERY = `/workspaces/${WORKSPACE}/files?size=100`;

/** A photo-like JPEG (1600×1200, gradients and shapes), different for each `n`. */
async function photo(n: number): Promise<Buffer> {
  const hue = (n * 37) % 360;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="1200">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="hsl(${hue},70%,55%)"/>
      <stop offset="1" stop-color="hsl(${(hue + 140) % 360},60%,35%)"/></linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#g)"/>
    <circle cx="${400 + (n % 9) * 100}" cy="${300 + (n % 7) * 90}" r="${150 + (n % 5) * 40}"
      fill="hsl(${(hue + 60) % 360},80%,70%)" opacity="0.7"/>
    <text x="80" y="200" font-size="160" fill="white">#${n}</text></svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
}

async function uploadAll(baseUrl: string, count: number, make: (n: number) => Promise<Buffer>) {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const n = next++;
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(await make(n))]), `photo-${n}.jpg`);
      const res = await fetch(`${baseUrl}/workspaces/${WORKSPACE}/files`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
        body: form,
      });
      if (res.status !== 201) throw new Error(`upload ${n}: ${res.status} ${await res.text()}`);
    }
  };
  await Promise.all(Array.from({ length: UPLOAD_CONCURRENCY }, worker));
}

/**
 * The page's time when `count` thumbnails of the grid are decoded images (checked every frame),
 * the previous page no longer standing in for this one (`aria-busy`).
 */
function thumbnailsLoaded(page: Page, count: number): Promise<number> {
  return timeWhen(
    page,
    `(() => {
      if (document.querySelector('main [aria-busy="true"]')) return false;
      const images = [...document.querySelectorAll('main ul li img')];
      return images.length >= ${count} && images.every((img) => img.complete && img.naturalWidth > 0);
    })()`,
  );
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

/** The gallery's 100 files as the server lists them. */
async function listed(baseUrl: string): Promise<string[]> {
  const res = await fetch(`${baseUrl}/workspaces/${WORKSPACE}/files?limit=${IMAGES}`, {
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
  });
  return ((await res.json()) as { files: { id: string }[] }).files.map((file) => file.id);
}

/** A browser context as a new user has it: nothing cached, signed in by link. */
async function freshPage(browser: Browser, origin: string) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  await context.addInitScript(WATCH_LONG_TASKS);
  const page = await context.newPage();
  await page.goto(`${origin}/#token=${ADMIN_TOKEN}`);
  await page.getByRole('heading', { name: 'Organizations' }).waitFor();
  return { context, page };
}

/** Milliseconds from navigating to the gallery until `count` thumbnails are on screen. */
async function openGallery(page: Page, origin: string, path: string, count: number) {
  await page.goto(`${origin}${path}`);
  // The page's clock starts with its navigation.
  return thumbnailsLoaded(page, count);
}

/** Records the longest main-thread task (a long task is one over 50 ms) of each page load. */
const WATCH_LONG_TASKS = `window.__longest = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__longest = Math.max(window.__longest, entry.duration);
  }).observe({ type: 'longtask', buffered: true });`;

/** The longest main-thread task since the page loaded. */
async function longestTask(page: Page): Promise<number> {
  return Number(await page.evaluate('window.__longest'));
}

const bench = await startSqlServer(18_901, 'files-gallery');
const browser = await chromium.launch(config.use?.launchOptions);
try {
  const origin = bench.baseUrl.replace(/\/api$/, '');
  console.log(`uploading ${IMAGES} photos (1600×1200 JPEG)…`);
  await uploadAll(bench.baseUrl, IMAGES, photo);
  const uploaded = performance.now();
  const ids = await listed(bench.baseUrl);
  const filesDir = path.join(bench.dataDir, 'files', WORKSPACE);
  const thumbsDir = (id: string) => path.join(filesDir, `${id}.thumbs`);
  while (!ids.every((id) => fs.existsSync(path.join(thumbsDir(id), '256.jpeg')))) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  console.log(
    `the server made the gallery's thumbnails ${seconds(performance.now() - uploaded)} after the last upload`,
  );

  const firstVisits: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const { context, page } = await freshPage(browser, origin);
    firstVisits.push(await openGallery(page, origin, GALLERY, IMAGES));
    await context.close();
  }
  const firstVisit = median(firstVisits);
  console.log(
    `first visit, thumbnails made at upload: ${seconds(firstVisit)} (median; ${firstVisits.map(seconds).join(', ')})`,
  );

  const onDemand: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    for (const id of ids) fs.rmSync(thumbsDir(id), { recursive: true, force: true });
    const { context, page } = await freshPage(browser, origin);
    onDemand.push(await openGallery(page, origin, GALLERY, IMAGES));
    await context.close();
  }
  console.log(
    `first visit, the server makes the ${IMAGES} thumbnails on the way: ${seconds(median(onDemand))} (median; ${onDemand.map(seconds).join(', ')})`,
  );

  const { context, page } = await freshPage(browser, origin);
  await openGallery(page, origin, GALLERY, IMAGES);
  const again = await openGallery(page, origin, GALLERY, IMAGES);
  console.log(`again, in a browser that showed the page before: ${seconds(again)}`);

  // A workspace of 10,000 files: small images, so that every tile has a thumbnail.
  const tiny = await sharp({
    create: { width: 64, height: 48, channels: 3, background: '#3b82f6' },
  })
    .png()
    .toBuffer();
  console.log(`uploading ${TOTAL - IMAGES} more files…`);
  const started = performance.now();
  await uploadAll(bench.baseUrl, TOTAL - IMAGES, () => Promise.resolve(tiny));
  console.log(`… in ${seconds(performance.now() - started)}`);
  // The server makes thumbnails after uploads in order: the newest having theirs, all do.
  const newest = await listed(bench.baseUrl);
  const drained = performance.now();
  while (!newest.every((id) => fs.existsSync(path.join(thumbsDir(id), '256.jpeg')))) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  console.log(
    `… and their thumbnails ${seconds(performance.now() - drained)} after the last upload`,
  );

  const first = await openGallery(page, origin, GALLERY, IMAGES);
  const pages = Math.ceil(TOTAL / 100);
  const lastMs = await openGallery(page, origin, `${GALLERY}&page=${pages}`, 100);
  // Back one page with the pager, as a person would.
  const back = (await page.evaluate('performance.now()')) as number;
  await page.getByRole('button', { name: 'Previous page' }).click();
  await page
    .getByRole('navigation', { name: 'Pages' })
    .getByText(`Page ${pages - 1} of`)
    .waitFor();
  const backMs = (await thumbnailsLoaded(page, 100)) - back;
  const longest = await longestTask(page);
  const rss = Number(
    /^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${bench.pid}/status`, 'utf8'))![1],
  );
  console.log(
    `with ${TOTAL.toLocaleString('en')} files: first page ${seconds(first)}, page ${pages} (the oldest) ${seconds(lastMs)}, back a page ${seconds(backMs)}; longest main-thread task ${Math.round(longest)} ms; server RSS ${Math.round(rss / 1024)} MB`,
  );
  console.log(
    `files-gallery: first page of ${IMAGES} image thumbnails visible in ${seconds(firstVisit)} on a first visit (${(firstVisit / TARGET_MS).toFixed(2)}× the ${TARGET_MS / 1000} s target; ${seconds(median(onDemand))} when the server makes them on the way)`,
  );
  await context.close();
} finally {
  await browser.close();
  await bench.close();
}
