import { isScriptCapable, mediaTypeEssence } from './sniff';

/** Shown in place, as a browser tab or an <img>, when asked: nothing here can run script. */
export function isInlineSafe(contentType: string): boolean {
  const essence = mediaTypeEssence(contentType);
  if (!essence || isScriptCapable(essence)) return false;
  return (
    essence.startsWith('image/') ||
    essence.startsWith('video/') ||
    essence.startsWith('audio/') ||
    essence === 'application/pdf' ||
    essence === 'text/plain'
  );
}

// RFC 5987 attr-char; everything else is percent-encoded UTF-8.
const NOT_ATTR_CHAR = /[^A-Za-z0-9!#$&+\-.^_`|~]/gu;

/**
 * `Content-Disposition` with the user's file name (RFC 6266): an ASCII `filename` for old
 * clients, with anything that could end the quoted string or the header made harmless, and the
 * exact name as UTF-8 in `filename*`, which every current browser prefers.
 */
export function contentDisposition(kind: 'inline' | 'attachment', filename: string): string {
  const fallback =
    filename
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^\x20-\x7e]/gu, '_')
      .replace(/"/g, "'")
      .replace(/\\/g, '_')
      // A `%XX` in the plain name is decoded by some browsers: keep it from forming one.
      .replace(/%(?=[0-9A-Fa-f]{2})/g, '_')
      .trim() || 'file';
  const encoded = filename.replace(NOT_ATTR_CHAR, (char) =>
    [...Buffer.from(char, 'utf8')]
      .map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`)
      .join(''),
  );
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

export type RangeAnswer =
  { kind: 'whole' } | { kind: 'partial'; start: number; end: number } | { kind: 'unsatisfiable' };

/**
 * One `Range: bytes=…` range over `size` bytes (RFC 9110 §14). Several ranges, another unit or
 * a malformed header are answered with the whole file, as the RFC allows.
 */
export function parseRange(header: string | undefined, size: number): RangeAnswer {
  if (header === undefined) return { kind: 'whole' };
  const match = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!match) return { kind: 'whole' };
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return { kind: 'whole' };
  if (size === 0) return { kind: 'whole' };
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (last !== '' && Number(last) < start) return { kind: 'whole' };
  if (start >= size) return { kind: 'unsatisfiable' };
  return { kind: 'partial', start, end };
}

/** Whether an `If-None-Match` list names this entity tag (weak comparison, as RFC 9110 asks). */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => opaque(tag) === opaque(etag));
}

/** Whether `If-Range` allows the range: only a strong match of the current entity tag. */
export function ifRangeAllows(header: string | undefined, etag: string, lastModified: Date) {
  if (header === undefined) return true;
  const value = header.trim();
  if (value.startsWith('"') || value.startsWith('W/')) return value === etag;
  const date = Date.parse(value);
  return Math.floor(lastModified.getTime() / 1000) * 1000 === date;
}

/** The `Accept`ed thumbnail format: WebP when the client says it takes it, else JPEG. */
export function thumbnailFormat(accept: string | undefined): 'webp' | 'jpeg' {
  for (const item of (accept ?? '').split(',')) {
    const [type, ...params] = item.split(';').map((part) => part.trim().toLowerCase());
    if (type !== 'image/webp') continue;
    const q = params.find((param) => param.startsWith('q='));
    if (q === undefined || Number(q.slice(2)) > 0) return 'webp';
  }
  return 'jpeg';
}
