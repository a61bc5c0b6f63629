import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { isScriptCapable, resolveContentType, sniffContentType } from './sniff';

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(
    parts.map((part) =>
      typeof part === 'string' ? Buffer.from(part, 'latin1') : Buffer.from(part),
    ),
  );

/** An ISO base media file's first box: size, `ftyp`, major brand, minor version, brands. */
const ftyp = (major: string, ...compatible: string[]) => {
  const box = bytes([0, 0, 0, 0], 'ftyp', major, [0, 0, 0, 0], ...compatible);
  box.writeUInt32BE(box.length, 0);
  return Buffer.concat([box, Buffer.alloc(32)]);
};

describe('sniffContentType', () => {
  it.each(['png', 'jpeg', 'gif', 'webp', 'tiff', 'avif'] as const)(
    'recognises %s as sharp writes it',
    async (format) => {
      const image = await sharp({
        create: { width: 8, height: 8, channels: 3, background: { r: 1, g: 2, b: 3 } },
      })
        .toFormat(format)
        .toBuffer();
      expect(sniffContentType(image)).toBe(`image/${format}`);
    },
  );

  const bmp = bytes('BM', Array(12).fill(0), [40, 0, 0, 0], Array(40).fill(0));
  it.each([
    ['BMP', bmp, 'image/bmp'],
    ['TIFF, big-endian', bytes([0x4d, 0x4d, 0, 0x2a], Array(8).fill(0)), 'image/tiff'],
    ['HEIC', ftyp('heic', 'mif1', 'heic'), 'image/heic'],
    ['HEIF', ftyp('mif1', 'mif1'), 'image/heif'],
    ['AVIF by a compatible brand', ftyp('mif1', 'avif', 'miaf'), 'image/avif'],
    ['MP4', ftyp('isom', 'isom', 'iso2', 'avc1', 'mp41'), 'video/mp4'],
    ['MOV', ftyp('qt  ', 'qt  '), 'video/quicktime'],
    ['M4A', ftyp('M4A ', 'M4A ', 'mp42'), 'audio/mp4'],
    [
      'WebM',
      bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84], 'webm'),
      'video/webm',
    ],
    [
      'Matroska',
      bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x88], 'matroska'),
      'video/x-matroska',
    ],
    ['Ogg Opus', bytes('OggS', Array(24).fill(0), 'OpusHead', Array(8).fill(0)), 'audio/ogg'],
    ['Ogg Theora', bytes('OggS', Array(24).fill(0), [0x80], 'theora'), 'video/ogg'],
    ['MP3 with ID3', bytes('ID3', [4, 0, 0, 0, 0, 0, 0]), 'audio/mpeg'],
    ['MP3 frame', bytes([0xff, 0xfb, 0x90, 0x64], Array(100).fill(0)), 'audio/mpeg'],
    ['AAC (ADTS)', bytes([0xff, 0xf1, 0x50, 0x80], Array(10).fill(0)), 'audio/aac'],
    ['WAV', bytes('RIFF', [0, 0, 0, 0], 'WAVEfmt '), 'audio/wav'],
    ['FLAC', bytes('fLaC', [0, 0, 0, 0x22]), 'audio/flac'],
    ['PDF', bytes('%PDF-1.7\n'), 'application/pdf'],
    ['ZIP', bytes('PK', [3, 4], Array(26).fill(0)), 'application/zip'],
    ['GZIP', bytes([0x1f, 0x8b, 8, 0]), 'application/gzip'],
  ])('recognises %s', (_name, head, type) => {
    expect(sniffContentType(head)).toBe(type);
  });

  it.each([
    ['<!DOCTYPE html><html></html>'],
    ['\uFEFF\n\t  <!doctype HTML>'],
    ['  <HTML lang="en">'],
    ['<script>alert(1)</script>'],
    ['<!-- hi --><p>x'],
    ['<body onload="x()">'],
    ['<iframe src=x>'],
  ])('recognises HTML: %j', (text) => {
    expect(sniffContentType(Buffer.from(text))).toBe('text/html');
  });

  it('recognises HTML in UTF-16 with a BOM', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<html>', 'utf16le')]);
    expect(sniffContentType(le)).toBe('text/html');
    const be = Buffer.from(le.subarray(2)).swap16();
    expect(sniffContentType(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toBe('text/html');
  });

  it.each([
    ['<svg xmlns="http://www.w3.org/2000/svg"/>', 'image/svg+xml'],
    ['<?xml version="1.0"?>\n<!-- made by hand -->\n<svg>', 'image/svg+xml'],
    ['<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x">', 'image/svg+xml'],
    ['<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml">', 'application/xhtml+xml'],
    ['<?xml version="1.0" encoding="UTF-8"?><rss version="2.0">', 'application/xml'],
  ])('recognises %j', (text, type) => {
    expect(sniffContentType(Buffer.from(text))).toBe(type);
  });

  it('recognises JSON: parsed when the head is the whole file, else by its start', () => {
    expect(sniffContentType(Buffer.from(' {"a": [1, 2]} '), true)).toBe('application/json');
    expect(sniffContentType(Buffer.from('{"a": [1, '), false)).toBe('application/json');
    expect(sniffContentType(Buffer.from('[{"a": 1}]'), true)).toBe('application/json');
    expect(sniffContentType(Buffer.from('{not json}'), true)).toBeNull();
    expect(sniffContentType(Buffer.from('[link](x)'), false)).toBeNull();
  });

  it('says nothing about plain text or unknown bytes', () => {
    expect(sniffContentType(Buffer.from('hello, world'))).toBeNull();
    expect(sniffContentType(Buffer.from([0, 1, 2, 3]))).toBeNull();
    expect(sniffContentType(Buffer.alloc(0))).toBeNull();
    // Two bytes of "BM" are not enough for a bitmap.
    expect(sniffContentType(Buffer.from('BMW owners club'))).toBeNull();
  });
});

describe('resolveContentType', () => {
  const png = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], Array(20).fill(0));

  it('believes the bytes over the claim', () => {
    expect(resolveContentType(png, 'application/octet-stream', false)).toBe('image/png');
    expect(resolveContentType(png, 'text/html', false)).toBe('image/png');
    expect(resolveContentType(Buffer.from('<html>'), 'image/png', true)).toBe('text/html');
  });

  it('takes a harmless claim when the bytes say nothing', () => {
    expect(resolveContentType(Buffer.from([0, 1, 2]), 'model/gltf-binary', true)).toBe(
      'model/gltf-binary',
    );
    expect(resolveContentType(Buffer.from('a,b'), 'Text/CSV; charset=latin1', true)).toBe(
      'text/csv; charset=utf-8',
    );
    const docx = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    expect(resolveContentType(bytes('PK', [3, 4], Array(26).fill(0)), docx, false)).toBe(docx);
  });

  it('does not take a script-capable claim, or one the bytes would have shown', () => {
    expect(resolveContentType(Buffer.from('hi'), 'text/html', true)).toBe(
      'text/plain; charset=utf-8',
    );
    expect(resolveContentType(Buffer.from([0, 1]), 'image/svg+xml', true)).toBe(
      'application/octet-stream',
    );
    expect(resolveContentType(Buffer.from([0, 1]), 'image/png', true)).toBe(
      'application/octet-stream',
    );
    expect(resolveContentType(Buffer.from([0, 1]), 'not a type', true)).toBe(
      'application/octet-stream',
    );
    expect(resolveContentType(Buffer.from([0, 1]), undefined, true)).toBe(
      'application/octet-stream',
    );
  });

  it('calls readable UTF-8 plain text, even when the head cuts a character in two', () => {
    const text = Buffer.from('naïve café 東京');
    expect(resolveContentType(text, undefined, true)).toBe('text/plain; charset=utf-8');
    expect(resolveContentType(text.subarray(0, text.length - 1), undefined, false)).toBe(
      'text/plain; charset=utf-8',
    );
    expect(resolveContentType(Buffer.from([0x61, 0xff, 0x62]), undefined, true)).toBe(
      'application/octet-stream',
    );
  });
});

describe('isScriptCapable', () => {
  it.each([
    ['text/html', true],
    ['application/xhtml+xml', true],
    ['image/svg+xml', true],
    ['text/xml', true],
    ['application/rss+xml', true],
    ['text/javascript', true],
    ['application/x-javascript', true],
    ['text/css', true],
    ['multipart/x-mixed-replace', true],
    ['image/png', false],
    ['application/pdf', false],
    ['text/plain', false],
    ['application/json', false],
  ])('%s → %s', (type, expected) => {
    expect(isScriptCapable(type)).toBe(expected);
  });
});
