import { describe, expect, it } from 'vitest';
import { formatBytes, MessageGuard, MessageTooLargeError, ProtocolError } from './message-guard';

/**
 * The framing alone, on messages laid out as the protocol documents them, fed whole, a byte at
 * a time and in uneven pieces: a socket splits Postgres's stream anywhere. The guard against a
 * real Postgres is in server/sql/value-cap.test.ts.
 */

function message(type: string, body: Buffer) {
  const head = Buffer.alloc(5);
  head.write(type, 0, 'latin1');
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}

const int16 = (n: number) => {
  const b = Buffer.alloc(2);
  b.writeInt16BE(n);
  return b;
};
const int32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
};
const cstring = (text: string) => Buffer.from(`${text}\0`, 'utf8');

function rowDescription(names: string[]) {
  return message(
    'T',
    Buffer.concat([
      int16(names.length),
      ...names.map((n) => Buffer.concat([cstring(n), Buffer.alloc(18)])),
    ]),
  );
}

function dataRow(values: (Buffer | null)[]) {
  return message(
    'D',
    Buffer.concat([
      int16(values.length),
      ...values.map((v) => (v === null ? int32(-1) : Buffer.concat([int32(v.length), v]))),
    ]),
  );
}

function errorResponse(fields: Record<string, string>) {
  return message(
    'E',
    Buffer.concat([
      ...Object.entries(fields).map(([type, text]) =>
        Buffer.concat([Buffer.from(type), cstring(text)]),
      ),
      Buffer.from([0]),
    ]),
  );
}

const commandComplete = (tag: string) => message('C', cstring(tag));
const backendKey = (pid: number, secret: number) =>
  message('K', Buffer.concat([int32(pid), int32(secret)]));

/** Feeds `stream` cut at `cuts`; returns the bytes let through and the guard. */
function run(stream: Buffer, limit: number, pieces: (stream: Buffer) => Buffer[]) {
  const guard = new MessageGuard(limit);
  const through: Buffer[] = [];
  for (const piece of pieces(stream)) {
    const passes = guard.feed(piece);
    through.push(piece.subarray(0, passes));
  }
  return { guard, through: Buffer.concat(through) };
}

/**
 * What went on is `before`, plus at most 4 bytes of the refused message's header when the
 * header was split: those went on before the rest of it said the length, and the parser holds
 * them as an incomplete header until the connection is destroyed.
 */
function expectThrough(through: Buffer, before: Buffer) {
  expect(through.subarray(0, before.length).equals(before)).toBe(true);
  expect(through.length - before.length).toBeLessThan(5);
}

const whole = (stream: Buffer) => [stream];
const bytes = (stream: Buffer) => [...stream].map((b) => Buffer.from([b]));
const uneven = (stream: Buffer) => {
  const out: Buffer[] = [];
  for (let at = 0, size = 1; at < stream.length; at += size, size = (size * 7) % 13 || 3) {
    out.push(stream.subarray(at, at + size));
  }
  return out;
};

describe.each([
  ['whole', whole],
  ['a byte at a time', bytes],
  ['in uneven pieces', uneven],
])('fed %s', (_name, pieces) => {
  const LIMIT = 100;

  it('lets messages within the cap through untouched', () => {
    const stream = Buffer.concat([
      backendKey(4242, 77),
      rowDescription(['a', 'b']),
      dataRow([Buffer.alloc(40, 'x'), null]),
      dataRow([Buffer.alloc(LIMIT - 2 - 8 - 1, 'y'), Buffer.from('z')]),
      commandComplete('SELECT 2'),
    ]);
    const { guard, through } = run(stream, LIMIT, pieces);
    expect(guard.failure).toBeNull();
    expect(through.equals(stream)).toBe(true);
    expect(guard.backendKey).toEqual({ processId: 4242, secret: int32(77) });
  });

  it('stops at a value over the cap, naming its row and column', () => {
    const before = Buffer.concat([
      rowDescription(['id', 'Big Col']),
      dataRow([Buffer.from('1'), Buffer.from('small')]),
    ]);
    const stream = Buffer.concat([
      before,
      dataRow([Buffer.from('2'), Buffer.alloc(LIMIT + 1, 'x')]),
      commandComplete('SELECT 2'),
    ]);
    const { guard, through } = run(stream, LIMIT, pieces);
    expectThrough(through, before);
    expect(guard.failure).toBeInstanceOf(MessageTooLargeError);
    expect(guard.failure).toMatchObject({ kind: 'value', bytes: LIMIT + 1, limit: LIMIT });
    expect(guard.failure!.message).toMatch(
      /^A value in row 2, column "Big Col", is 101 bytes, over the 100 bytes limit: select a part of it, e\.g\. left\("Big Col", 1000\)/,
    );
  });

  it('stops at a row whose values add up past the cap, naming where they pass it', () => {
    const stream = Buffer.concat([
      rowDescription(['c1', 'c2', 'c3', 'c4']),
      dataRow([Buffer.alloc(40), Buffer.alloc(40), Buffer.alloc(40), Buffer.alloc(40)]),
    ]);
    const { guard, through } = run(stream, LIMIT, pieces);
    expectThrough(through, rowDescription(['c1', 'c2', 'c3', 'c4']));
    expect(guard.failure).toMatchObject({ kind: 'row', bytes: 2 + 4 * 44 });
    expect(guard.failure!.message).toMatch(/^Row 1 is .*over the 100 bytes limit .*column "c3"/);
  });

  it('stops at a row that only its field lengths take over the cap', () => {
    const values = Array.from({ length: 30 }, () => Buffer.from('x'));
    const { guard } = run(Buffer.concat([rowDescription([]), dataRow(values)]), LIMIT, pieces);
    expect(guard.failure).toMatchObject({ kind: 'row', bytes: 2 + 30 * 5 });
  });

  it('stops at an error text over the cap, keeping its code and start', () => {
    const stream = Buffer.concat([
      commandComplete('SELECT 1'),
      errorResponse({
        S: 'ERROR',
        V: 'ERROR',
        C: '22P02',
        M: `invalid input syntax for type integer: "${'x'.repeat(5_000)}"`,
      }),
    ]);
    const { guard, through } = run(stream, LIMIT, pieces);
    expectThrough(through, commandComplete('SELECT 1'));
    expect(guard.failure).toMatchObject({ kind: 'error', sqlstate: '22P02' });
    expect(guard.failure!.message).toMatch(
      /^The statement's error message from Postgres is 4\.9 KiB, over the 100 bytes limit, so it is not shown whole; it begins: invalid input syntax for type integer: "x+…$/,
    );
  });

  it('stops at any other message over the cap', () => {
    const { guard, through } = run(message('d', Buffer.alloc(LIMIT + 1)), LIMIT, pieces);
    expectThrough(through, Buffer.alloc(0));
    expect(guard.failure).toMatchObject({ kind: 'message', bytes: LIMIT + 1 });
  });

  it('refuses a length that is not one', () => {
    const bad = Buffer.from([0x44, 0, 0, 0, 2]);
    const { guard, through } = run(Buffer.concat([commandComplete('X'), bad]), LIMIT, pieces);
    expectThrough(through, commandComplete('X'));
    expect(guard.failure).toBeInstanceOf(ProtocolError);
  });
});

it('counts rows per result', () => {
  const guard = new MessageGuard(100);
  guard.feed(
    Buffer.concat([
      rowDescription(['a']),
      dataRow([Buffer.from('1')]),
      dataRow([Buffer.from('2')]),
      commandComplete('SELECT 2'),
      message('Z', Buffer.from('I')),
      rowDescription(['b']),
      dataRow([Buffer.alloc(101)]),
    ]),
  );
  expect(guard.failure!.message).toMatch(
    /^A value in row 1, column "b", is 101 bytes.*left\(b, 1000\)/,
  );
});

it('formats sizes', () => {
  expect(formatBytes(64 * 1024 * 1024)).toBe('64 MiB');
  expect(formatBytes(600_000_000)).toBe('572 MiB');
  expect(formatBytes(1536 * 1024)).toBe('1.5 MiB');
  expect(formatBytes(10)).toBe('10 bytes');
});
