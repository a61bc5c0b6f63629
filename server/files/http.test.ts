import { describe, expect, it } from 'vitest';
import {
  contentDisposition,
  etagMatches,
  ifRangeAllows,
  isInlineSafe,
  parseRange,
  thumbnailFormat,
} from './http';

describe('contentDisposition', () => {
  it('gives plain names as they are', () => {
    expect(contentDisposition('inline', 'photo.png')).toBe(
      `inline; filename="photo.png"; filename*=UTF-8''photo.png`,
    );
  });

  it('keeps quotes, backslashes and control characters out of the quoted fallback', () => {
    const header = contentDisposition('attachment', 'a"b\\c\r\nd.txt');
    expect(header).toBe(
      `attachment; filename="a'b_c__d.txt"; filename*=UTF-8''a%22b%5Cc%0D%0Ad.txt`,
    );
    expect(header).not.toMatch(/[\r\n]/);
  });

  it('encodes non-ASCII names as UTF-8 (RFC 5987), with an ASCII fallback', () => {
    expect(contentDisposition('attachment', 'naïve 😀.txt')).toBe(
      `attachment; filename="naive _.txt"; filename*=UTF-8''na%C3%AFve%20%F0%9F%98%80.txt`,
    );
  });

  it("percent-encodes what RFC 5987 leaves out of attr-char: ' ( ) * % ; ,", () => {
    expect(contentDisposition('inline', "it's (1)*;,%41.txt")).toBe(
      `inline; filename="it's (1)*;,_41.txt"; filename*=UTF-8''it%27s%20%281%29%2A%3B%2C%2541.txt`,
    );
  });
});

describe('parseRange', () => {
  it.each([
    [undefined, { kind: 'whole' }],
    ['bytes=0-0', { kind: 'partial', start: 0, end: 0 }],
    ['bytes=10-19', { kind: 'partial', start: 10, end: 19 }],
    ['bytes=90-', { kind: 'partial', start: 90, end: 99 }],
    ['bytes=-10', { kind: 'partial', start: 90, end: 99 }],
    ['bytes=-500', { kind: 'partial', start: 0, end: 99 }],
    ['bytes=50-500', { kind: 'partial', start: 50, end: 99 }],
    ['bytes=100-', { kind: 'unsatisfiable' }],
    ['bytes=-0', { kind: 'unsatisfiable' }],
    ['bytes=5-1', { kind: 'whole' }],
    ['bytes=0-1,3-4', { kind: 'whole' }],
    ['items=0-1', { kind: 'whole' }],
    ['bytes=-', { kind: 'whole' }],
  ])('%s over 100 bytes → %j', (header, expected) => {
    expect(parseRange(header, 100)).toEqual(expected);
  });

  it('answers any range over an empty file with the (empty) whole', () => {
    expect(parseRange('bytes=0-', 0)).toEqual({ kind: 'whole' });
  });
});

describe('validators', () => {
  it('matches If-None-Match lists, weak tags and *', () => {
    expect(etagMatches('"a"', '"a"')).toBe(true);
    expect(etagMatches('"b", W/"a"', '"a"')).toBe(true);
    expect(etagMatches('*', '"a"')).toBe(true);
    expect(etagMatches('"b"', '"a"')).toBe(false);
    expect(etagMatches(undefined, '"a"')).toBe(false);
  });

  it('lets If-Range through only for the current tag or date', () => {
    const modified = new Date('2024-05-01T10:00:00.750Z');
    expect(ifRangeAllows(undefined, '"a"', modified)).toBe(true);
    expect(ifRangeAllows('"a"', '"a"', modified)).toBe(true);
    expect(ifRangeAllows('"b"', '"a"', modified)).toBe(false);
    expect(ifRangeAllows(modified.toUTCString(), '"a"', modified)).toBe(true);
    expect(ifRangeAllows('Tue, 30 Apr 2024 10:00:00 GMT', '"a"', modified)).toBe(false);
  });
});

describe('isInlineSafe', () => {
  it.each([
    ['image/png', true],
    ['video/mp4', true],
    ['audio/mpeg', true],
    ['application/pdf', true],
    ['text/plain; charset=utf-8', true],
    ['image/svg+xml', false],
    ['text/html', false],
    ['text/csv', false],
    ['application/json', false],
    ['application/octet-stream', false],
  ])('%s → %s', (type, expected) => {
    expect(isInlineSafe(type)).toBe(expected);
  });
});

describe('thumbnailFormat', () => {
  it('picks WebP only when the client accepts it', () => {
    expect(thumbnailFormat('image/avif,image/webp,image/apng,*/*;q=0.8')).toBe('webp');
    expect(thumbnailFormat('image/webp;q=0')).toBe('jpeg');
    expect(thumbnailFormat('*/*')).toBe('jpeg');
    expect(thumbnailFormat(undefined)).toBe('jpeg');
  });
});
