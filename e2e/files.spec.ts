import type { CDPSession, Locator, Page } from '@playwright/test';
import sharp from 'sharp';
import { expect, test, uniqueId, type Api, type StoredFile } from './fixtures';

/**
 * The browser APIs the page-side helpers below use. The e2e project compiles without the DOM
 * library (it runs in Node); these functions run in the page, where the real ones exist.
 */
interface Canvas {
  width: number;
  height: number;
  getContext(kind: '2d'): {
    fillStyle: string;
    fillRect(x: number, y: number, w: number, h: number): void;
  };
  captureStream(fps: number): unknown;
}
interface PageGlobals {
  document: { createElement(tag: 'canvas'): Canvas };
  MediaRecorder: new (
    stream: unknown,
    options: { mimeType: string },
  ) => {
    ondataavailable: (event: { data: Blob }) => void;
    onstop: () => void;
    start(): void;
    stop(): void;
  };
  DataTransfer: new () => { items: { add(file: File): void } };
}
interface ImageElement {
  complete: boolean;
  naturalWidth: number;
}
interface VideoElement {
  readyState: number;
  videoWidth: number;
  currentSrc: string;
  currentTime: number;
  play(): Promise<void>;
}

interface FileToDrop {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/** A real PNG (a coloured gradient with a disc), so thumbnails and previews are real images. */
async function png(name: string, hue: number, width = 640, height = 480): Promise<FileToDrop> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <rect width="100%" height="100%" fill="hsl(${hue},70%,50%)"/>
    <circle cx="${width / 2}" cy="${height / 2}" r="${height / 4}" fill="white"/></svg>`;
  return { name, mimeType: 'image/png', buffer: await sharp(Buffer.from(svg)).png().toBuffer() };
}

/** Bytes no sniffer recognises: stored as application/octet-stream, shown with a generic icon. */
function binary(name: string, size: number): FileToDrop {
  const buffer = Buffer.alloc(size);
  for (let i = 0; i < size; i++) buffer[i] = (i * 7919) % 251;
  return { name, mimeType: 'application/octet-stream', buffer };
}

/** A short WebM (VP8) recorded from a canvas in the page: a real video Chromium can play. */
async function webm(page: Page, name: string): Promise<FileToDrop> {
  const base64 = await page.evaluate(async () => {
    // Types only: the function runs in the page, so it may not use anything of this module.
    const { document, MediaRecorder } = globalThis as unknown as PageGlobals;
    const canvas = document.createElement('canvas');
    canvas.width = 320;
    canvas.height = 240;
    const context = canvas.getContext('2d')!;
    const recorder = new MediaRecorder(canvas.captureStream(25), {
      mimeType: 'video/webm;codecs=vp8',
    });
    const chunks: Blob[] = [];
    recorder.ondataavailable = (event) => chunks.push(event.data);
    const stopped = new Promise<void>((resolve) => (recorder.onstop = () => resolve()));
    recorder.start();
    for (let frame = 0; frame < 25; frame++) {
      context.fillStyle = `hsl(${frame * 14}, 80%, 50%)`;
      context.fillRect(0, 0, 320, 240);
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
    recorder.stop();
    await stopped;
    const bytes = new Uint8Array(await new Blob(chunks).arrayBuffer());
    let text = '';
    for (const byte of bytes) text += String.fromCharCode(byte);
    return btoa(text);
  });
  return { name, mimeType: 'video/webm', buffer: Buffer.from(base64, 'base64') };
}

/**
 * Drags files over the page and drops them, as a person dragging them from their desktop would:
 * a DataTransfer holding real File objects, with dragenter and dragover where the drag comes
 * in, then dragover and drop where it is let go.
 */
async function dragFiles(page: Page, files: FileToDrop[]) {
  const dataTransfer = await page.evaluateHandle(
    (payload) => {
      const { DataTransfer } = globalThis as unknown as PageGlobals;
      const transfer = new DataTransfer();
      for (const file of payload) {
        const bytes = Uint8Array.from(atob(file.base64), (char) => char.charCodeAt(0));
        transfer.items.add(new File([bytes], file.name, { type: file.mimeType }));
      }
      return transfer;
    },
    files.map((file) => ({
      name: file.name,
      mimeType: file.mimeType,
      base64: file.buffer.toString('base64'),
    })),
  );
  return {
    enter: async (target: Locator) => {
      await target.dispatchEvent('dragenter', { dataTransfer });
      await target.dispatchEvent('dragover', { dataTransfer });
    },
    drop: async (target: Locator) => {
      await target.dispatchEvent('dragover', { dataTransfer });
      await target.dispatchEvent('drop', { dataTransfer });
    },
  };
}

/** Uploads slower than the loopback allows, so progress is there to be seen. */
async function throttleUploads(page: Page, bytesPerSecond: number): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: bytesPerSecond,
  });
  return cdp;
}

/** Where the gallery opens: what the server would put in `drive/others` goes here instead. */
const TOP = { folder: 'drive' };

async function newWorkspace(api: Api) {
  const orgId = uniqueId('org');
  const workspaceId = `ws_${uniqueId('files').replace(/-/g, '_')}`;
  await api.createOrganization(orgId, `Files ${orgId}`);
  await api.createWorkspace(orgId, workspaceId, 'Photo library');
  return { orgId, workspaceId };
}

async function openFiles(page: Page, workspaceId: string, query = '') {
  await page.goto(`/workspaces/${workspaceId}/files${query}`);
  await expect(page.getByRole('heading', { name: 'Files', level: 1 })).toBeVisible();
}

function tile(page: Page, filename: string) {
  return page
    .getByRole('listitem')
    .filter({ has: page.getByRole('button', { name: `Open ${filename}` }) });
}

/** Waits until the tile's thumbnail is a decoded image. */
async function expectThumbnail(page: Page, filename: string) {
  const image = tile(page, filename).locator('img');
  await expect(image).toBeVisible();
  await expect
    .poll(() =>
      image.evaluate((img) => {
        const element = img as unknown as ImageElement;
        return element.complete ? element.naturalWidth : 0;
      }),
    )
    .toBeGreaterThan(0);
}

test.describe('Files', () => {
  test('drops files onto the page: progress, then thumbnails, without a reload', async ({
    page,
    signIn,
    adminApi,
  }) => {
    const { orgId, workspaceId } = await newWorkspace(adminApi);
    await signIn();
    await page.getByLabel('Organization', { exact: true }).selectOption(orgId);
    await openFiles(page, workspaceId);
    await expect(page.getByText('No files yet')).toBeVisible();

    const files = [
      await png('red.png', 0),
      await png('green.png', 120),
      binary('model.weights', 3 * 1024 * 1024),
    ];
    const cdp = await throttleUploads(page, 1024 * 1024);
    // Dragged in over the navigation, outside the gallery: the overlay covers the whole window,
    // and the drop lands on it.
    const drag = await dragFiles(page, files);
    await drag.enter(page.getByRole('navigation', { name: 'Main' }));
    const overlay = page.getByText('Drop to upload to Photo library');
    await expect(overlay).toBeVisible();
    await drag.drop(overlay);
    await expect(overlay).toBeHidden();

    const uploads = page.getByRole('region', { name: 'Uploads' });
    await expect(uploads.getByRole('heading')).toContainText(/^Uploading [1-3] files?/);
    // The big one, mid-way: partial progress, a speed and the time left.
    const big = uploads.getByRole('progressbar', { name: 'Upload of model.weights' });
    await expect
      .poll(async () => Number(await big.getAttribute('aria-valuenow')))
      .toBeGreaterThan(0);
    expect(Number(await big.getAttribute('aria-valuenow'))).toBeLessThan(100);
    await expect(uploads.getByText(/MB of 3\.0 MB · [\d.]+ [KM]B\/s · \d+ s left/)).toBeVisible();
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });

    await expect(uploads.getByRole('heading')).toHaveText('3 files uploaded', { timeout: 20_000 });
    await expect(big).toHaveAttribute('aria-valuenow', '100');

    // The new files are there without a reload: thumbnails for images, an icon for the rest.
    await expectThumbnail(page, 'red.png');
    await expectThumbnail(page, 'green.png');
    await expect(tile(page, 'model.weights')).toContainText('3.0 MB · application/octet-stream');
    await expect(tile(page, 'model.weights').locator('img')).toHaveCount(0);

    const stored = await adminApi.files(orgId, workspaceId);
    expect(stored.map((file) => file.filename).sort()).toEqual([
      'green.png',
      'model.weights',
      'red.png',
    ]);
    const weights = stored.find((file) => file.filename === 'model.weights')!;
    expect(await adminApi.fileContent(orgId, workspaceId, weights.id)).toEqual(files[2]!.buffer);

    await uploads.getByRole('button', { name: 'Clear' }).click();
    await expect(uploads).toBeHidden();
  });

  test('cancels an upload under way and retries it', async ({ page, signIn, adminApi }) => {
    const { orgId, workspaceId } = await newWorkspace(adminApi);
    await signIn();
    await page.getByLabel('Organization', { exact: true }).selectOption(orgId);
    await openFiles(page, workspaceId);

    const cdp = await throttleUploads(page, 256 * 1024);
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Upload files' }).first().click();
    await (await chooser).setFiles(binary('slow.bin', 2 * 1024 * 1024));

    const uploads = page.getByRole('region', { name: 'Uploads' });
    const progress = uploads.getByRole('progressbar', { name: 'Upload of slow.bin' });
    await expect
      .poll(async () => Number(await progress.getAttribute('aria-valuenow')))
      .toBeGreaterThan(0);
    await uploads.getByRole('button', { name: 'Cancel slow.bin' }).click();
    await expect(uploads.getByText('2.0 MB · cancelled')).toBeVisible();
    expect(await adminApi.files(orgId, workspaceId)).toEqual([]);

    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    await uploads.getByRole('button', { name: 'Retry slow.bin' }).click();
    await expect(uploads.getByText('2.0 MB · uploaded')).toBeVisible();
    await expect(tile(page, 'slow.bin')).toBeVisible();
    expect((await adminApi.files(orgId, workspaceId)).map((file) => file.filename)).toEqual([
      'slow.bin',
    ]);
  });

  test('previews an image (zoom) and a video, moving with the arrow keys', async ({
    page,
    signIn,
    adminApi,
  }) => {
    const { orgId, workspaceId } = await newWorkspace(adminApi);
    await signIn();
    // Uploaded oldest first: the gallery lists newest first, so the video comes before the image.
    await adminApi.uploadFile(orgId, workspaceId, await png('sunset.png', 30, 1600, 1200));
    // Not a type of the drive's top level: put there, where the gallery opens.
    await adminApi.uploadFile(orgId, workspaceId, await webm(page, 'clip.webm'), TOP);
    await page.getByLabel('Organization', { exact: true }).selectOption(orgId);
    await openFiles(page, workspaceId);
    // What the media worker asks the API for, as the browser reports its requests.
    const ranges: string[] = [];
    page.context().on('request', (request) => {
      const range = request.headers()['range'];
      if (request.url().includes('/content') && range) ranges.push(range);
    });

    await tile(page, 'sunset.png').getByRole('button', { name: 'Open sunset.png' }).click();
    const dialog = page.getByRole('dialog', { name: 'sunset.png' });
    await expect(dialog).toContainText('2 of 2');
    const image = dialog.getByRole('img', { name: 'sunset.png' });
    await expect
      .poll(() => image.evaluate((img) => (img as unknown as ImageElement).naturalWidth))
      .toBe(1600);
    const zoom = dialog.getByRole('toolbar', { name: 'Zoom' });
    const fitted = (await image.boundingBox())!.width;
    expect(fitted).toBeLessThan(1600);
    await zoom.getByRole('button', { name: 'Actual size' }).click();
    await expect(zoom.getByRole('status', { name: 'Zoom level' })).toHaveText('100%');
    await expect.poll(async () => (await image.boundingBox())!.width).toBe(1600);
    await page.keyboard.press('0');
    await expect(zoom.getByRole('button', { name: 'Fit' })).toHaveAttribute('aria-pressed', 'true');

    // ← goes to the file before: the video, in the browser's player.
    await page.keyboard.press('ArrowLeft');
    const player = page.getByRole('dialog', { name: 'clip.webm' }).locator('video');
    await expect(player).toBeVisible();
    await expect
      .poll(() => player.evaluate((video) => (video as unknown as VideoElement).readyState))
      .toBeGreaterThanOrEqual(1);
    expect(await player.evaluate((video) => (video as unknown as VideoElement).videoWidth)).toBe(
      320,
    );
    // Streamed through the media worker (no token in the URL), with Range requests.
    expect(await player.evaluate((video) => (video as unknown as VideoElement).currentSrc)).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/__files-media\/[0-9a-f-]{36}$/,
    );
    expect(ranges.length).toBeGreaterThan(0);
    await player.evaluate((video) => (video as unknown as VideoElement).play());
    await expect
      .poll(() => player.evaluate((video) => (video as unknown as VideoElement).currentTime))
      .toBeGreaterThan(0);

    await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('dialog', { name: 'sunset.png' })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toBeHidden();
    await expect(page).toHaveURL(new RegExp(`/workspaces/${workspaceId}/files$`));
  });

  test('downloads a file under its original name', async ({ page, signIn, adminApi }) => {
    const { orgId, workspaceId } = await newWorkspace(adminApi);
    const file = binary('Quarterly report (final).bin', 300 * 1024);
    await adminApi.uploadFile(orgId, workspaceId, file, TOP);
    await signIn();
    await page.getByLabel('Organization', { exact: true }).selectOption(orgId);
    await openFiles(page, workspaceId);

    await page.getByRole('button', { name: 'Actions for Quarterly report (final).bin' }).click();
    const download = page.waitForEvent('download');
    await page.getByRole('menuitem', { name: 'Download' }).click();
    const saved = await download;
    expect(saved.suggestedFilename()).toBe('Quarterly report (final).bin');
    const path = await saved.path();
    const { readFile } = await import('node:fs/promises');
    expect(await readFile(path)).toEqual(file.buffer);
  });

  test('deletes several files at once after confirming', async ({ page, signIn, adminApi }) => {
    const { orgId, workspaceId } = await newWorkspace(adminApi);
    const stored: StoredFile[] = [];
    for (const name of ['a.png', 'b.png', 'c.png', 'd.png', 'e.png']) {
      stored.push(
        await adminApi.uploadFile(orgId, workspaceId, await png(name, name.charCodeAt(0) * 9)),
      );
    }
    await signIn();
    await page.getByLabel('Organization', { exact: true }).selectOption(orgId);
    await openFiles(page, workspaceId, '?view=list');

    // Newest first: e, d, c, b, a. A click on d, then shift-click on b, selects d, c and b.
    const table = page.getByRole('table', { name: /^Files of Photo library/ });
    await table.getByRole('checkbox', { name: 'Select d.png' }).click();
    await table.getByRole('checkbox', { name: 'Select b.png' }).click({ modifiers: ['Shift'] });
    const selection = page.getByRole('region', { name: 'Selection' });
    await expect(selection).toContainText('3 files selected');
    await expect(table.getByRole('checkbox', { name: 'Select c.png' })).toBeChecked();

    await selection.getByRole('button', { name: 'Delete selected' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Delete 3 files' });
    await expect(confirm).toContainText('d.png');
    await expect(confirm).toContainText('c.png');
    await expect(confirm).toContainText('b.png');
    await confirm.getByRole('button', { name: 'Delete 3 files' }).click();
    await expect(confirm).toBeHidden();
    await expect(page.getByText('Deleted 3 files')).toBeVisible();
    await expect(selection).toBeHidden();

    await expect(table.getByRole('row')).toHaveCount(3); // the header and a, e
    const left = await adminApi.files(orgId, workspaceId);
    expect(left.map((file) => file.filename).sort()).toEqual(['a.png', 'e.png']);
  });

  test('copies a file id, with a note on using it in SQL', async ({
    page,
    context,
    signIn,
    adminApi,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const { orgId, workspaceId } = await newWorkspace(adminApi);
    const stored = await adminApi.uploadFile(orgId, workspaceId, await png('cat.png', 200));
    await signIn();
    await page.getByLabel('Organization', { exact: true }).selectOption(orgId);
    await openFiles(page, workspaceId);

    await page.getByRole('button', { name: 'Actions for cat.png' }).click();
    await page.getByRole('menuitem', { name: 'Copy ID' }).click();

    await expect(page.getByText('ID of cat.png copied')).toBeVisible();
    await expect(
      page.getByText(`SELECT * FROM "${workspaceId}"."my_table" WHERE file_id = '${stored.id}'`),
    ).toBeVisible();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(stored.id);
  });

  test('searches by name, filters by type and pages, all kept in the URL', async ({
    page,
    signIn,
    adminApi,
  }) => {
    const { orgId, workspaceId } = await newWorkspace(adminApi);
    for (let i = 1; i <= 3; i++) {
      await adminApi.uploadFile(orgId, workspaceId, await png(`beach-${i}.png`, i * 50));
    }
    await adminApi.uploadFile(orgId, workspaceId, binary('beach-notes.bin', 100), TOP);
    await adminApi.uploadFile(orgId, workspaceId, await png('forest.png', 100));
    await signIn();
    await page.getByLabel('Organization', { exact: true }).selectOption(orgId);
    await openFiles(page, workspaceId);
    const grid = page.getByRole('list', { name: /^Files of Photo library/ });
    await expect(grid.getByRole('listitem')).toHaveCount(5);

    await page.getByLabel('Search by name').fill('BEACH');
    await expect(grid.getByRole('listitem')).toHaveCount(4);
    await expect(page).toHaveURL(/q=BEACH/);

    await page.getByRole('combobox', { name: 'File type' }).click();
    await page.getByRole('option', { name: 'Images' }).click();
    await expect(grid.getByRole('listitem')).toHaveCount(3);
    await expect(grid).not.toContainText('beach-notes.bin');

    await page.getByLabel('Search by name').fill('nothing-like-this');
    await expect(page.getByText('No files match')).toBeVisible();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect(grid.getByRole('listitem')).toHaveCount(5);

    // Paging, from the URL: 50 per page is the smallest size, so ask for page 2 of 50 by hand.
    await openFiles(page, workspaceId, '?size=50&page=2');
    // Only one page exists: the gallery goes back to it.
    await expect(page).toHaveURL(/size=50$/);
    await expect(page.getByRole('navigation', { name: 'Pages' })).toContainText('1–5 of 5 files');
    await expect(page.getByRole('button', { name: 'Next page' })).toBeDisabled();
  });

  test('takes a thousand files in one drop', async ({ page, signIn, adminApi }) => {
    test.setTimeout(120_000);
    const { orgId, workspaceId } = await newWorkspace(adminApi);
    await signIn();
    await page.getByLabel('Organization', { exact: true }).selectOption(orgId);
    await openFiles(page, workspaceId);

    const files = Array.from({ length: 1000 }, (_, i) => ({
      name: `note-${String(i).padStart(4, '0')}.txt`,
      mimeType: 'text/plain',
      buffer: Buffer.from(`note ${i}\n`),
    }));
    const drag = await dragFiles(page, files);
    await drag.enter(page.getByRole('heading', { name: 'Files', level: 1 }));
    await drag.drop(page.getByText('Drop to upload to Photo library'));

    const uploads = page.getByRole('region', { name: 'Uploads' });
    await expect(uploads.getByRole('heading')).toHaveText('1000 files uploaded', {
      timeout: 100_000,
    });
    await expect(page.getByRole('navigation', { name: 'Pages' })).toContainText(
      '1–100 of 1,000 files',
    );
    const stored = await adminApi.files(orgId, workspaceId);
    expect(new Set(stored.map((file) => file.filename)).size).toBe(1000);
  });
});
