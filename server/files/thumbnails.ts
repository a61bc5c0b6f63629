import fs from 'node:fs/promises';
import type { SharpConstructor } from 'sharp';
import type { Logger } from '../logger';
import { mediaTypeEssence } from './sniff';

/**
 * Small JPEG or WebP previews of images, made with sharp (libvips) and cached on disk by the
 * caller. An extra of the bundled server: anything that cannot be made falls back to the file
 * itself, as a hosted service that ignores `?w=` would answer.
 */

export type ThumbnailFormat = 'jpeg' | 'webp';

/** Formats the prebuilt libvips in sharp decodes (BMP and HEVC-coded HEIC are not among them). */
const DECODABLE = new Set([
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
  'image/avif',
  'image/tiff',
]);

/** A small file may claim enormous dimensions (a decompression bomb): refuse past this. */
export const MAX_INPUT_PIXELS = 100_000_000;

/** Thumbnails made at once; more wait, so a gallery page cannot take every core. */
const CONCURRENCY = 2;

export const canThumbnail = (contentType: string) =>
  DECODABLE.has(mediaTypeEssence(contentType) ?? '');

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

let running = 0;
const waiting: (() => void)[] = [];

async function withSlot<T>(work: () => Promise<T>): Promise<T> {
  // A finishing job hands its slot straight to the next in line, so none is taken twice.
  if (running < CONCURRENCY) running++;
  else await new Promise<void>((resolve) => waiting.push(resolve));
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
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

/**
 * Writes a thumbnail of the image at `source`, at most `width` pixels wide (never enlarged), to
 * `target`: the first frame of an animation, turned upright by its EXIF orientation.
 * Rejects with ThumbnailUnavailable when sharp cannot read the image or refuses its size.
 */
export async function writeThumbnail(
  logger: Logger,
  {
    source,
    target,
    width,
    format,
  }: { source: string; target: string; width: number; format: ThumbnailFormat },
): Promise<void> {
  const sharp = await loadSharp(logger);
  if (!sharp) throw new ThumbnailUnavailable('sharp is not available', false);
  await withSlot(async () => {
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
  });
}
