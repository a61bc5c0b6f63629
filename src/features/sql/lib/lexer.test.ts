import { describe, expect, it } from 'vitest';
import { isWord, significantTokens, tokenize, type Token } from './lexer';

/** Node's process.cpuUsage(), in microseconds (the app's types leave Node out). */
interface CpuUsage {
  user: number;
  system: number;
}

/** [kind, text] pairs of the tokens, whitespace left out, for compact expectations. */
function kinds(sql: string) {
  return tokenize(sql)
    .filter((token) => token.kind !== 'whitespace')
    .map((token) => [token.kind, token.text]);
}

function expectCovers(sql: string, tokens: Token[]) {
  expect(tokens.map((token) => token.text).join('')).toBe(sql);
  let offset = 0;
  for (const token of tokens) {
    expect(token.start).toBe(offset);
    expect(token.end).toBe(offset + token.text.length);
    expect(sql.slice(token.start, token.end)).toBe(token.text);
    offset = token.end;
  }
}

describe('tokenize', () => {
  it('gives tokens with offsets that cover the text exactly', () => {
    const sql = 'SELECT a, "b" FROM t -- c\nWHERE x = $1 /* d */ AND y = \'e\';';
    const tokens = tokenize(sql);
    expectCovers(sql, tokens);
    expect(kinds(sql)).toEqual([
      ['ident', 'SELECT'],
      ['ident', 'a'],
      ['punct', ','],
      ['quoted-ident', '"b"'],
      ['ident', 'FROM'],
      ['ident', 't'],
      ['line-comment', '-- c'],
      ['ident', 'WHERE'],
      ['ident', 'x'],
      ['operator', '='],
      ['param', '$1'],
      ['block-comment', '/* d */'],
      ['ident', 'AND'],
      ['ident', 'y'],
      ['operator', '='],
      ['string', "'e'"],
      ['punct', ';'],
    ]);
  });

  it('returns no tokens for empty text', () => {
    expect(tokenize('')).toEqual([]);
  });

  it('nests block comments as Postgres does', () => {
    const sql = '/* a /* b */ still comment; */ SELECT 1';
    expect(kinds(sql)).toEqual([
      ['block-comment', '/* a /* b */ still comment; */'],
      ['ident', 'SELECT'],
      ['number', '1'],
    ]);
  });

  it('runs an unterminated block comment, even a nested one, to the end', () => {
    const tokens = tokenize('SELECT 1 /* a /* b */ c; SELECT 2');
    const last = tokens[tokens.length - 1]!;
    expect(last).toMatchObject({ kind: 'block-comment', text: '/* a /* b */ c; SELECT 2' });
    expect(last.unterminated).toBe(true);
  });

  it('ends a line comment at \\n or \\r and keeps the line break out of it', () => {
    expect(kinds('-- a; b\nSELECT')).toEqual([
      ['line-comment', '-- a; b'],
      ['ident', 'SELECT'],
    ]);
    expect(kinds('-- a\r\nx')).toEqual([
      ['line-comment', '-- a'],
      ['ident', 'x'],
    ]);
    expect(kinds('x --')).toEqual([
      ['ident', 'x'],
      ['line-comment', '--'],
    ]);
  });

  it("reads '' inside a string as a quote", () => {
    expect(kinds("'it''s; -- not a comment' x")).toEqual([
      ['string', "'it''s; -- not a comment'"],
      ['ident', 'x'],
    ]);
  });

  it('does not treat a backslash as an escape in a standard string', () => {
    expect(kinds("'a\\' x")).toEqual([
      ['string', "'a\\'"],
      ['ident', 'x'],
    ]);
  });

  it("reads backslash escapes in E'…' strings", () => {
    expect(kinds("E'\\'' x")).toEqual([
      ['string', "E'\\''"],
      ['ident', 'x'],
    ]);
    expect(kinds("e'a\\\\' ; x")).toEqual([
      ['string', "e'a\\\\'"],
      ['punct', ';'],
      ['ident', 'x'],
    ]);
    expect(kinds("E'it''s'")).toEqual([['string', "E'it''s'"]]);
  });

  it("reads U&'…', B'…', X'…' and N'…' as strings and U&\"…\" as a quoted name", () => {
    expect(kinds("U&'d\\0061t' B'1010' x'1F' N'n;'")).toEqual([
      ['string', "U&'d\\0061t'"],
      ['string', "B'1010'"],
      ['string', "x'1F'"],
      ['string', "N'n;'"],
    ]);
    expect(kinds('U&"d\\0061t"')).toEqual([['quoted-ident', 'U&"d\\0061t"']]);
  });

  it('does not take a prefix letter at the end of a longer name as a string prefix', () => {
    expect(kinds("type'x'")).toEqual([
      ['ident', 'type'],
      ['string', "'x'"],
    ]);
  });

  it('reads $$ and $tag$ bodies whole, whatever they contain', () => {
    const body = "$$ BEGIN; SELECT $1, 'x'; -- c\n /* d */ END $$";
    expect(kinds(`${body};`)).toEqual([
      ['dollar-string', body],
      ['punct', ';'],
    ]);
    const tagged = '$fn$ SELECT $$inner$$; $other$ $fn$';
    expect(kinds(`${tagged} x`)).toEqual([
      ['dollar-string', tagged],
      ['ident', 'x'],
    ]);
    expect(kinds('$_1$a$_1$ $é$b$é$')).toEqual([
      ['dollar-string', '$_1$a$_1$'],
      ['dollar-string', '$é$b$é$'],
    ]);
  });

  it('runs an unterminated dollar quote to the end', () => {
    const tokens = tokenize('SELECT $body$ x; y');
    expect(tokens[tokens.length - 1]).toEqual({
      kind: 'dollar-string',
      text: '$body$ x; y',
      start: 7,
      end: 18,
      unterminated: true,
    });
  });

  it('reads $n as a parameter and a tag that starts with a digit as none', () => {
    expect(kinds('$1 $23::int $1$')).toEqual([
      ['param', '$1'],
      ['param', '$23'],
      ['operator', '::'],
      ['ident', 'int'],
      ['param', '$1'],
      ['other', '$'],
    ]);
  });

  it('keeps a $ inside an identifier (a$1, a$$b) part of it', () => {
    expect(kinds('a$1 a$$b x$y$')).toEqual([
      ['ident', 'a$1'],
      ['ident', 'a$$b'],
      ['ident', 'x$y$'],
    ]);
  });

  it('reads a lone $ or an unclosed $tag as other', () => {
    expect(kinds('$ $abc')).toEqual([
      ['other', '$'],
      ['other', '$'],
      ['ident', 'abc'],
    ]);
  });

  it('reads quoted identifiers with "" and with ; inside', () => {
    expect(kinds('"weird;name" "a""b" "--x"')).toEqual([
      ['quoted-ident', '"weird;name"'],
      ['quoted-ident', '"a""b"'],
      ['quoted-ident', '"--x"'],
    ]);
    const tokens = tokenize('SELECT "open');
    expect(tokens[tokens.length - 1]).toMatchObject({ text: '"open', unterminated: true });
  });

  it('runs an unterminated string to the end without throwing', () => {
    const tokens = tokenize("SELECT 'abc; DROP TABLE x");
    expect(tokens[tokens.length - 1]).toMatchObject({
      kind: 'string',
      text: "'abc; DROP TABLE x",
      unterminated: true,
    });
    expect(tokenize("E'\\")[0]).toMatchObject({ text: "E'\\", unterminated: true });
  });

  it('reads numbers as Postgres delimits them', () => {
    expect(kinds('1 1.5 .5 1. 1e10 1.5E-3 2e 0x1F 0o17 0b101 1_000')).toEqual([
      ['number', '1'],
      ['number', '1.5'],
      ['number', '.5'],
      ['number', '1.'],
      ['number', '1e10'],
      ['number', '1.5E-3'],
      ['number', '2'],
      ['ident', 'e'],
      ['number', '0x1F'],
      ['number', '0o17'],
      ['number', '0b101'],
      ['number', '1_000'],
    ]);
    expect(kinds('a[1..2]')).toEqual([
      ['ident', 'a'],
      ['punct', '['],
      ['number', '1'],
      ['punct', '..'],
      ['number', '2'],
      ['punct', ']'],
    ]);
  });

  it('reads :: and := as operators and a lone : as punctuation', () => {
    expect(kinds('a::int b := c[1:2]')).toEqual([
      ['ident', 'a'],
      ['operator', '::'],
      ['ident', 'int'],
      ['ident', 'b'],
      ['operator', ':='],
      ['ident', 'c'],
      ['punct', '['],
      ['number', '1'],
      ['punct', ':'],
      ['number', '2'],
      ['punct', ']'],
    ]);
  });

  it('splits operators as scan.l does', () => {
    expect(kinds('a>=b a<>b a=-1 a @- b a->>b a+--c\nd')).toEqual([
      ['ident', 'a'],
      ['operator', '>='],
      ['ident', 'b'],
      ['ident', 'a'],
      ['operator', '<>'],
      ['ident', 'b'],
      ['ident', 'a'],
      ['operator', '='],
      ['operator', '-'],
      ['number', '1'],
      ['ident', 'a'],
      ['operator', '@-'],
      ['ident', 'b'],
      ['ident', 'a'],
      ['operator', '->>'],
      ['ident', 'b'],
      ['ident', 'a'],
      ['operator', '+'],
      ['line-comment', '--c'],
      ['ident', 'd'],
    ]);
    expect(kinds('a*/*c*/b')).toEqual([
      ['ident', 'a'],
      ['operator', '*'],
      ['block-comment', '/*c*/'],
      ['ident', 'b'],
    ]);
  });

  it('treats non-ASCII letters as identifier characters', () => {
    expect(kinds('SELECT größe, 名前 FROM t')).toEqual([
      ['ident', 'SELECT'],
      ['ident', 'größe'],
      ['punct', ','],
      ['ident', '名前'],
      ['ident', 'FROM'],
      ['ident', 't'],
    ]);
  });

  it('never throws and always covers the text, whatever the input', () => {
    const pieces = ["'", '"', '$', '$$', '$a$', '/*', '*/', '--', '\n', 'E', "E'", '\\', ';', ' '];
    pieces.push('U&', '1', '.', ':', '(', '{', 'x', '-', '\r');
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let run = 0; run < 500; run++) {
      let sql = '';
      for (let k = 0; k < 12; k++) sql += pieces[Math.floor(random() * pieces.length)];
      expectCovers(sql, tokenize(sql));
    }
  });

  it('tokenizes a 1 MB script in well under 100 ms', () => {
    const chunk =
      "INSERT INTO documents (id, body, meta) VALUES ($1, 'it''s; here', '{\"a\": 1}'::jsonb);\n" +
      '-- a comment; with DROP\n/* block /* nested */ */ SELECT a.b::int[], "x;y" FROM t;\n' +
      'CREATE FUNCTION f() RETURNS int AS $fn$ SELECT 1; $fn$ LANGUAGE sql;\n';
    const sql = chunk.repeat(Math.ceil(1_000_000 / chunk.length));
    // The best of ten runs (the first warms up the JIT), in CPU time of this process: on a
    // shared machine the wall clock also counts every other process's work. Single runs vary
    // from about 35 to over 200 ms with garbage collection; four were sometimes all slow.
    const { cpuUsage } = (globalThis as unknown as { process: { cpuUsage(): CpuUsage } }).process;
    const cpuMs = () => {
      const { user, system } = cpuUsage();
      return (user + system) / 1000;
    };
    let best = Infinity;
    let tokens: Token[] = [];
    for (let run = 0; run < 10; run++) {
      const started = cpuMs();
      tokens = tokenize(sql);
      best = Math.min(best, cpuMs() - started);
    }
    expect(tokens.length).toBeGreaterThan(100_000);
    expect(tokens[tokens.length - 1]!.end).toBe(sql.length);
    expect(best).toBeLessThan(100);
  });
});

describe('significantTokens and isWord', () => {
  it('leaves whitespace and comments out and matches words case-insensitively', () => {
    const words = significantTokens('drop /* x */ TABLE -- y\n "table"');
    expect(words.map((token) => token.text)).toEqual(['drop', 'TABLE', '"table"']);
    expect(isWord(words[0], 'drop')).toBe(true);
    expect(isWord(words[1], 'table')).toBe(true);
    expect(isWord(words[2], 'table')).toBe(false);
    expect(isWord(undefined, 'table')).toBe(false);
  });
});
