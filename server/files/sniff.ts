/**
 * What a file is, from its first bytes. The client's declared type is a claim anyone can make
 * (an HTML page uploaded as `image/png`); the bytes are what a browser would act on. Small and
 * ours because the `file-type` package needs a newer Node than the one we support.
 */

/** How many leading bytes the sniffer looks at. */
export const SNIFF_BYTES = 8192;

const ascii = (head: Buffer, offset: number, text: string) =>
  head.length >= offset + text.length &&
  head.toString('latin1', offset, offset + text.length) === text;

const bytes = (head: Buffer, offset: number, signature: readonly number[]) =>
  head.length >= offset + signature.length &&
  signature.every((byte, i) => head[offset + i] === byte);

/** The ISO base media (`ftyp`) family: the brands say which of MP4, MOV, AVIF, HEIC… it is. */
function isoMediaType(head: Buffer): string | null {
  if (!ascii(head, 4, 'ftyp') || head.length < 12) return null;
  const boxSize = head.readUInt32BE(0);
  const end = Math.min(head.length, boxSize >= 16 ? boxSize : 16);
  const brands = [head.toString('latin1', 8, 12)];
  for (let offset = 16; offset + 4 <= end; offset += 4) {
    brands.push(head.toString('latin1', offset, offset + 4));
  }
  const major = brands[0]!;
  const has = (...names: string[]) => brands.some((brand) => names.includes(brand));
  if (has('avif', 'avis')) return 'image/avif';
  if (has('heic', 'heix', 'heim', 'heis', 'hevc', 'hevx')) return 'image/heic';
  if (has('mif1', 'msf1')) return 'image/heif';
  if (major === 'qt  ') return 'video/quicktime';
  if (major.startsWith('3g2')) return 'video/3gpp2';
  if (major.startsWith('3gp')) return 'video/3gpp';
  if (major === 'M4A ' || major === 'M4B ' || major === 'M4P ') return 'audio/mp4';
  if (major === 'crx ') return 'image/x-canon-cr3';
  // isom, iso2…, mp41, mp42, avc1, dash, M4V… and brands we do not know: MP4 is the safe guess.
  return 'video/mp4';
}

/** WebM is Matroska with the DocType `webm`, which sits in the EBML header. */
function matroskaType(head: Buffer): string {
  const docType = head.indexOf(Buffer.from([0x42, 0x82]));
  if (docType !== -1 && docType < 64) {
    const text = head.toString('latin1', docType + 3, docType + 11);
    if (text.startsWith('webm')) return 'video/webm';
  }
  return 'video/x-matroska';
}

function oggType(head: Buffer): string {
  const text = head.toString('latin1', 28, 64);
  if (text.includes('theora')) return 'video/ogg';
  if (text.includes('OpusHead') || text.includes('vorbis') || text.includes('FLAC')) {
    return 'audio/ogg';
  }
  return 'application/ogg';
}

/** An MPEG audio frame header: sync bits, a real layer, and bitrate and rate indices in range. */
function mpegAudioType(head: Buffer): string | null {
  if (head.length < 4 || head[0] !== 0xff || (head[1]! & 0xe0) !== 0xe0) return null;
  const version = (head[1]! >> 3) & 0x03;
  const layer = (head[1]! >> 1) & 0x03;
  if (layer === 0) {
    // ADTS: MPEG-2/4 AAC, whose layer bits are always 0.
    return (head[1]! & 0xf6) === 0xf0 ? 'audio/aac' : null;
  }
  const bitrate = head[2]! >> 4;
  const rate = (head[2]! >> 2) & 0x03;
  if (version === 1 || bitrate === 0x0f || rate === 0x03) return null;
  return 'audio/mpeg';
}

const BMP_HEADER_SIZES = new Set([12, 40, 52, 56, 64, 108, 124]);

function binaryType(head: Buffer): string | null {
  if (bytes(head, 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (bytes(head, 0, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (ascii(head, 0, 'GIF87a') || ascii(head, 0, 'GIF89a')) return 'image/gif';
  if (ascii(head, 0, 'RIFF')) {
    if (ascii(head, 8, 'WEBP')) return 'image/webp';
    if (ascii(head, 8, 'WAVE')) return 'audio/wav';
    if (ascii(head, 8, 'AVI ')) return 'video/x-msvideo';
  }
  if (ascii(head, 0, 'BM') && head.length >= 18 && BMP_HEADER_SIZES.has(head.readUInt32LE(14))) {
    return 'image/bmp';
  }
  if (bytes(head, 0, [0x49, 0x49, 0x2a, 0x00]) || bytes(head, 0, [0x4d, 0x4d, 0x00, 0x2a])) {
    return 'image/tiff';
  }
  const isoMedia = isoMediaType(head);
  if (isoMedia) return isoMedia;
  if (bytes(head, 0, [0x1a, 0x45, 0xdf, 0xa3])) return matroskaType(head);
  if (ascii(head, 0, 'OggS')) return oggType(head);
  if (ascii(head, 0, 'fLaC')) return 'audio/flac';
  if (ascii(head, 0, 'ID3')) return 'audio/mpeg';
  if (ascii(head, 0, '%PDF-')) return 'application/pdf';
  if (
    bytes(head, 0, [0x50, 0x4b, 0x03, 0x04]) ||
    bytes(head, 0, [0x50, 0x4b, 0x05, 0x06]) ||
    bytes(head, 0, [0x50, 0x4b, 0x07, 0x08])
  ) {
    return 'application/zip';
  }
  if (bytes(head, 0, [0x1f, 0x8b])) return 'application/gzip';
  return mpegAudioType(head);
}

/** The head as text: UTF-16 when a BOM says so, else UTF-8, without the BOM. */
function headText(head: Buffer): string {
  if (bytes(head, 0, [0xff, 0xfe])) return head.subarray(2).toString('utf16le');
  if (bytes(head, 0, [0xfe, 0xff])) {
    const swapped = Buffer.from(head.subarray(2, 2 + ((head.length - 2) & ~1)));
    return swapped.swap16().toString('utf16le');
  }
  return head.toString('utf8').replace(/^\uFEFF/, '');
}

// The tags the WHATWG MIME Sniffing standard takes as the start of an HTML document.
const HTML_START =
  /^<(?:!doctype\s+html|html|head|script|iframe|h1|div|font|table|a|style|title|b|body|br|p)(?:[\s>/]|$)|^<!--/i;

function markupType(text: string): string | null {
  const start = text.trimStart();
  if (!start.startsWith('<')) return null;
  if (HTML_START.test(start)) return 'text/html';
  if (/^<svg[\s>/]/i.test(start)) return 'image/svg+xml';
  if (/^<\?xml[\s?]/i.test(start) || /^<!doctype\s/i.test(start)) {
    if (/<svg[\s>/]|<!doctype\s+svg[\s>]/i.test(start)) return 'image/svg+xml';
    if (/<html[\s>/]|<!doctype\s+html[\s>]/i.test(start)) return 'application/xhtml+xml';
    return 'application/xml';
  }
  return null;
}

function looksLikeJson(text: string, whole: boolean): boolean {
  const start = text.trimStart();
  if (!start.startsWith('{') && !start.startsWith('[')) return false;
  if (whole) {
    try {
      JSON.parse(start);
      return true;
    } catch {
      return false;
    }
  }
  return /^(?:\{\s*(?:"|\})|\[\s*(?:[[{"\]\-0-9]|true|false|null))/.test(start);
}

/**
 * Text a person can read: no NULs or other control bytes but tab, newlines, form feed and
 * escape, and valid UTF-8 (a sequence cut off by the end of the head is fine).
 */
function isUtf8Text(head: Buffer, whole: boolean): boolean {
  if (head.length === 0) return false;
  for (const byte of head) {
    if (byte < 0x20 && ![0x09, 0x0a, 0x0c, 0x0d, 0x1b].includes(byte)) return false;
    if (byte === 0x7f) return false;
  }
  let end = head.length;
  if (!whole) {
    // Drop a multi-byte sequence the head may have cut in two.
    let back = 0;
    while (back < 3 && end - back - 1 >= 0 && (head[end - back - 1]! & 0xc0) === 0x80) back++;
    const lead = end - back - 1;
    if (lead >= 0 && head[lead]! >= 0xc0) end = lead;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

/**
 * The type the bytes show, or null when they say nothing recognisable. `whole` says the head is
 * the entire file (so JSON can be parsed, not guessed).
 */
export function sniffContentType(head: Buffer, whole = false): string | null {
  const binary = binaryType(head);
  if (binary) return binary;
  const text = headText(head);
  const markup = markupType(text);
  if (markup) return markup;
  if (looksLikeJson(text, whole)) return 'application/json';
  return null;
}

const TOKEN = /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/;

/** `Text/HTML; charset=UTF-8` → `text/html`; null for anything that is not a media type. */
export function mediaTypeEssence(value: string | undefined): string | null {
  const essence = value?.split(';')[0]?.trim().toLowerCase() ?? '';
  return TOKEN.test(essence) && essence.length <= 255 ? essence : null;
}

/**
 * Types a browser may run script in, or that can restyle or frame a page: never shown inline,
 * and never taken on the client's word.
 */
export function isScriptCapable(contentType: string): boolean {
  const essence = mediaTypeEssence(contentType) ?? contentType.toLowerCase();
  return (
    /html|xml|svg|script|xsl|css/.test(essence) ||
    essence === 'application/x-shockwave-flash' ||
    essence === 'application/futuresplash' ||
    essence === 'text/cache-manifest' ||
    essence.startsWith('multipart/')
  );
}

/** Types whose signature the sniffer knows: a claim of one of them the bytes do not back is false. */
const SNIFFABLE = new Set([
  'image/png',
  'image/jpeg',
  'image/jpg',
  'image/gif',
  'image/webp',
  'image/bmp',
  'image/tiff',
  'image/avif',
  'image/heic',
  'image/heif',
  'video/mp4',
  'video/quicktime',
  'video/webm',
  'video/x-matroska',
  'audio/ogg',
  'video/ogg',
  'audio/mpeg',
  'audio/mp3',
  'audio/wav',
  'audio/x-wav',
  'audio/wave',
  'audio/flac',
  'application/pdf',
  'application/gzip',
  'application/json',
]);

/** Formats stored inside a ZIP: the bytes say "zip", the client knows which. */
const ZIP_BASED =
  /^application\/(?:vnd\.openxmlformats-officedocument\.|vnd\.oasis\.opendocument\.|epub\+zip$|java-archive$|vnd\.android\.package-archive$|x-zip-compressed$|[a-z0-9.-]+\+zip$)/;

/**
 * The type a file is recorded with: what its bytes show; the client's declared type only when
 * the bytes say nothing, it is not a type whose bytes we would have recognised, and it is not
 * script-capable; else plain text for readable UTF-8, else `application/octet-stream`.
 */
export function resolveContentType(head: Buffer, declared: string | undefined, whole: boolean) {
  const claimed = mediaTypeEssence(declared);
  const sniffed = sniffContentType(head, whole);
  if (sniffed === 'application/zip' && claimed && ZIP_BASED.test(claimed)) return claimed;
  if (sniffed) return sniffed;
  if (
    claimed &&
    claimed !== 'application/octet-stream' &&
    !isScriptCapable(claimed) &&
    !SNIFFABLE.has(claimed)
  ) {
    // Browsers read text without a charset as windows-1252; say UTF-8 when the bytes are.
    return claimed.startsWith('text/') && isUtf8Text(head, whole)
      ? `${claimed}; charset=utf-8`
      : claimed;
  }
  if (isUtf8Text(head, whole)) return 'text/plain; charset=utf-8';
  return 'application/octet-stream';
}
