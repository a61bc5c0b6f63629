import fs from 'node:fs/promises';
import type { SharpConstructor } from 'sharp';
import {
  PREPARED_THUMBNAIL_WIDTHS,
  THUMBNAILED_TYPES,
  THUMBNAIL_WIDTHS,
} from '../../contract/files';
import type { Logger } from '../logger';
import { mediaTypeEssence } from './sniff';
import type { FileStore } from './store';

/**
 * Small JPEG or WebP previews of images, made with sharp (libvips) and cached on disk. An extra
 * of the bundled server: anything that cannot be made falls back to the file itself, as a
 * hosted service that ignores `?w=` would answer.
 */

export type ThumbnailFormat = 'jpeg' | 'webp';

/** A small file may claim enormous dimensions (a decompression bomb): refuse past this. */
export const MAX_INPUT_PIXELS = 100_000_000;

export const canThumbnail = (contentType: string) =>
  THUMBNAILED_TYPES.has(mediaTypeEssence(contentType) ?? '');

let sharpModule: Promise<SharpConstructor | null> | null = null;

/** sharp, loaded on first use: the server runs without it where its binaries are missing. */
function loadSharp(logger: Logger): Promise<SharpConstructor | null> {
  sharpModule ??= import('sharp').then<SharpConstructor | null, SharpConstructor | null>(
    (module) => {
      const sharp = module.default;
      // libvips' operation cache keeps decoded inputs (and deleted files' handles) alive.
      sharp.cache(false);
      return sharp;
    },
    (error: unknown) => {
      logger.warn({ err: error }, 'sharp could not be loaded: thumbnails are off');
      return null;
    },
  );
  return sharpModule;
}

export class ThumbnailUnavailable extends Error {
  override name = 'ThumbnailUnavailable';
  constructor(
    message: string,
    /** sharp cannot read this image (so trying again is pointless), rather than being absent. */
    readonly unreadable: boolean,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export interface ThumbnailJob {
  source: string;
  target: string;
  width: number;
  format: ThumbnailFormat;
}

/**
 * Writes a thumbnail of the image at `source`, at most `width` pixels wide (never enlarged), to
 * `target`: the first frame of an animation, turned upright by its EXIF orientation.
 * Rejects with ThumbnailUnavailable when sharp cannot read the image or refuses its size.
 */
export async function writeThumbnail(
  logger: Logger,
  { source, target, width, format }: ThumbnailJob,
): Promise<void> {
  const sharp = await loadSharp(logger);
  if (!sharp) throw new ThumbnailUnavailable('sharp is not available', false);
  try {
    let image = sharp(source, {
      limitInputPixels: MAX_INPUT_PIXELS,
      failOn: 'error',
      autoOrient: true,
      pages: 1,
    }).resize({ width, withoutEnlargement: true });
    image =
      format === 'webp'
        ? image.webp({ quality: 80 })
        : image.flatten({ background: '#ffffff' }).jpeg({ quality: 80, mozjpeg: true });
    await image.toFile(target);
  } catch (error) {
    await fs.rm(target, { force: true });
    const message = error instanceof Error ? error.message : String(error);
    throw new ThumbnailUnavailable(message, true, { cause: error });
  }
}

export type ThumbnailPriority =
  /** Someone is waiting for it (a gallery page). */
  | 'now'
  /** Made ahead of time after an upload: waits while anyone waits for a `now` one. */
  | 'ahead';

interface Waiter {
  priority: ThumbnailPriority;
  start: () => void;
}

/**
 * How many thumbnails are made at once (more wait, so a gallery page cannot take every core),
 * and in which order: whoever waits for one now goes before work done ahead of time.
 */
export class ThumbnailSlots {
  private running = 0;
  private readonly waiting: Waiter[] = [];

  constructor(private readonly size: number) {}

  /**
   * Runs `work` when a slot is free. `promote` moves a waiting `ahead` job to the front, for
   * when someone starts waiting for the thumbnail it makes.
   */
  run<T>(priority: ThumbnailPriority, work: () => Promise<T>) {
    const waiter: Waiter = { priority, start: () => {} };
    const started = new Promise<void>((resolve) => {
      waiter.start = resolve;
    });
    this.waiting.push(waiter);
    this.dispatch();
    const result = started.then(work).finally(() => {
      this.running--;
      this.dispatch();
    });
    return {
      result,
      promote: () => {
        waiter.priority = 'now';
      },
    };
  }

  /** Jobs waiting for a slot; for tests. */
  get queued(): number {
    return this.waiting.length;
  }

  private dispatch() {
    while (this.running < this.size && this.waiting.length > 0) {
      const index = this.waiting.findIndex((waiter) => waiter.priority === 'now');
      const [next] = this.waiting.splice(index === -1 ? 0 : index, 1);
      this.running++;
      next!.start();
    }
  }
}

const exists = (file: string) =>
  fs.stat(file).then(
    () => true,
    () => false,
  );

/** A file that is not stored (any more): no thumbnail, and no marker saying it is unreadable. */
export class SourceMissing extends Error {
  override name = 'SourceMissing';
}

interface Making {
  done: Promise<void>;
  promote: () => void;
}

/**
 * The thumbnails of stored images: cached on disk next to the file, made once however many ask
 * at the same time, made from a cached thumbnail at least twice as wide when there is one
 * (decoding a 24-megapixel original again costs far more), and made ahead of time after an
 * upload in the widths the gallery asks for, so its first visit finds them ready.
 */
export class Thumbnails {
  /** Thumbnails being made, by target path, so concurrent requests for one share the work. */
  private readonly making = new Map<string, Making>();
  /** Uploaded images whose gallery thumbnails are still to be made, oldest first. */
  private readonly ahead: { workspaceId: string; fileId: string }[] = [];
  private preparing: Promise<void> | null = null;
  private closed = false;

  constructor(
    private readonly store: FileStore,
    private readonly logger: Logger,
    private readonly slots = new ThumbnailSlots(2),
    /** Tests count and hold what is written through this. */
    private readonly write: (job: ThumbnailJob) => Promise<void> = (job) =>
      writeThumbnail(logger, job),
  ) {}

  /**
   * The path of the cached thumbnail, made first when missing. Rejects with
   * ThumbnailUnavailable for an image sharp cannot read (remembered by a marker, so it is not
   * decoded again on every request) and with SourceMissing when the file's bytes are gone.
   */
  async path(
    workspaceId: string,
    fileId: string,
    width: number,
    format: ThumbnailFormat,
    priority: ThumbnailPriority = 'now',
  ): Promise<string> {
    const target = this.store.thumbnailPath(workspaceId, fileId, width, format);
    if (await exists(target)) return target;
    if (await exists(this.store.unreadableMarkerPath(workspaceId, fileId))) {
      throw new ThumbnailUnavailable('sharp could not read this image before', true);
    }
    let making = this.making.get(target);
    if (making) {
      if (priority === 'now') making.promote();
    } else {
      const job = this.slots.run(priority, () =>
        this.make(workspaceId, fileId, target, width, format),
      );
      making = { done: job.result, promote: job.promote };
      this.making.set(target, making);
      void job.result.then(
        () => this.making.delete(target),
        () => this.making.delete(target),
      );
    }
    await making.done;
    return target;
  }

  /** After an upload: makes the gallery's thumbnails of an image in the background. */
  prepare(workspaceId: string, file: { id: string; content_type: string }) {
    if (this.closed || !canThumbnail(file.content_type)) return;
    this.ahead.push({ workspaceId, fileId: file.id });
    this.preparing ??= this.prepareAll().finally(() => {
      this.preparing = null;
    });
  }

  /** Resolves when the thumbnails to be made ahead of time are made (tests and benches). */
  async prepared() {
    await this.preparing;
  }

  /** Stops making thumbnails ahead of time and waits for those being made. */
  async close() {
    this.closed = true;
    this.ahead.length = 0;
    await this.preparing;
    await Promise.allSettled([...this.making.values()].map((making) => making.done));
  }

  /** One image at a time, so a thousand uploads leave a core free for everything else. */
  private async prepareAll() {
    // The widest first: the narrower ones are then made from it.
    const widths = [...PREPARED_THUMBNAIL_WIDTHS].sort((a, b) => b - a);
    for (let next = this.ahead.shift(); next && !this.closed; next = this.ahead.shift()) {
      for (const width of widths) {
        if (this.closed) return;
        try {
          await this.path(next.workspaceId, next.fileId, width, 'jpeg', 'ahead');
        } catch (error) {
          if (!(error instanceof ThumbnailUnavailable || error instanceof SourceMissing)) {
            this.logger.warn({ err: error, file: next.fileId }, 'could not make a thumbnail');
          }
          break;
        }
      }
    }
  }

  /** Makes the thumbnail in the temp folder and renames it in, so no one reads half of one. */
  private async make(
    workspaceId: string,
    fileId: string,
    target: string,
    width: number,
    format: ThumbnailFormat,
  ) {
    const original = this.store.pathOf(workspaceId, fileId);
    const temp = this.store.tempPath(`.${format}`);
    try {
      await this.write({
        source: (await this.widerThumbnail(workspaceId, fileId, width, format)) ?? original,
        target: temp,
        width,
        format,
      });
      await this.store.publish(temp, target);
    } catch (error) {
      if (!(await exists(original))) throw new SourceMissing('The file is gone', { cause: error });
      if (error instanceof ThumbnailUnavailable && error.unreadable) {
        const markerTemp = this.store.tempPath();
        await fs.writeFile(markerTemp, error.message);
        await this.store
          .publish(markerTemp, this.store.unreadableMarkerPath(workspaceId, fileId))
          .catch(() => fs.rm(markerTemp, { force: true }));
      }
      throw error;
    } finally {
      await fs.rm(temp, { force: true });
    }
    // Deleted while its thumbnail was being made: the delete may have cleared the thumbnails
    // before this one arrived.
    if (!(await exists(original))) {
      await this.store.removeThumbnails(workspaceId, fileId);
      throw new SourceMissing('The file is gone');
    }
  }

  /** A cached thumbnail at least twice `width` (the least wide such), to make this one from. */
  private async widerThumbnail(
    workspaceId: string,
    fileId: string,
    width: number,
    format: ThumbnailFormat,
  ): Promise<string | null> {
    for (const wider of THUMBNAIL_WIDTHS) {
      if (wider < width * 2) continue;
      const candidate = this.store.thumbnailPath(workspaceId, fileId, wider, format);
      if (await exists(candidate)) return candidate;
    }
    return null;
  }
}
