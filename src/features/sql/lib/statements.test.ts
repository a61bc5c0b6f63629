import { describe, expect, it } from 'vitest';
import { tokenize } from './lexer';
import { runTarget, splitStatements, statementAt } from './statements';

const texts = (sql: string) => splitStatements(sql).map((statement) => statement.text);

/** The statement picked for a cursor at the `|` in `marked` (the `|` is removed). */
function pickAt(marked: string) {
  const offset = marked.indexOf('|');
  const sql = marked.slice(0, offset) + marked.slice(offset + 1);
  return statementAt(sql, offset)?.text ?? null;
}

describe('splitStatements', () => {
  it('splits at top-level semicolons with trimmed text and offsets', () => {
    const sql = '  SELECT 1;\n\nSELECT 2 ;  SELECT 3';
    const statements = splitStatements(sql);
    expect(
      statements.map(({ start, end, text, semicolon }) => ({ start, end, text, semicolon })),
    ).toEqual([
      { start: 2, end: 10, text: 'SELECT 1', semicolon: 10 },
      { start: 13, end: 21, text: 'SELECT 2', semicolon: 22 },
      { start: 25, end: 33, text: 'SELECT 3', semicolon: null },
    ]);
    for (const statement of statements) {
      expect(sql.slice(statement.start, statement.end)).toBe(statement.text);
    }
  });

  it('ignores ; inside strings, quoted names, comments and dollar quotes', () => {
    const sql = [
      "SELECT 'a;b', E'\\';', \"weird;name\" FROM t",
      'SELECT 1 /* x; /* nested; */ y; */ + 1 -- z;\n',
      'DO $$ BEGIN PERFORM 1; RAISE NOTICE $q$;$q$; END $$',
      "CREATE FUNCTION f() RETURNS int AS $body$ SELECT $1; -- ' $body$ LANGUAGE sql",
    ].join(';\n');
    expect(texts(sql)).toEqual([
      "SELECT 'a;b', E'\\';', \"weird;name\" FROM t",
      'SELECT 1 /* x; /* nested; */ y; */ + 1',
      'DO $$ BEGIN PERFORM 1; RAISE NOTICE $q$;$q$; END $$',
      "CREATE FUNCTION f() RETURNS int AS $body$ SELECT $1; -- ' $body$ LANGUAGE sql",
    ]);
  });

  it('leaves out empty statements and comment-only stretches', () => {
    expect(texts(';; SELECT 1;;\n -- done\n /* bye */ ')).toEqual(['SELECT 1']);
    expect(texts('')).toEqual([]);
    expect(texts('  -- only a comment')).toEqual([]);
  });

  it('keeps leading comments with the statement after them and drops trailing ones', () => {
    expect(texts('-- count them\nSELECT count(*) FROM t -- all\n;')).toEqual([
      '-- count them\nSELECT count(*) FROM t',
    ]);
  });

  it('gives a -- comment on the line of the ; to the statement before', () => {
    const sql = 'SELECT 1; -- the first\nSELECT 2;';
    const [first, second] = splitStatements(sql);
    expect(second!.text).toBe('SELECT 2');
    expect(first!.cursorEnd).toBe(sql.indexOf('\n'));
  });

  it('keeps the statements of a BEGIN ATOMIC body together', () => {
    const sql = `CREATE OR REPLACE FUNCTION f(a int) RETURNS int LANGUAGE sql
BEGIN ATOMIC
  SELECT CASE WHEN a > 0 THEN 1 ELSE 0 END;
  SELECT a;
END;
SELECT f(1);`;
    expect(texts(sql)).toEqual([sql.slice(0, sql.lastIndexOf('END;') + 3), 'SELECT f(1)']);
    expect(
      texts('CREATE PROCEDURE p() BEGIN ATOMIC INSERT INTO t VALUES (1); END; BEGIN; COMMIT'),
    ).toEqual([
      'CREATE PROCEDURE p() BEGIN ATOMIC INSERT INTO t VALUES (1); END',
      'BEGIN',
      'COMMIT',
    ]);
  });

  it('does not treat a transaction BEGIN as a function body', () => {
    expect(texts('BEGIN; SELECT 1; END;')).toEqual(['BEGIN', 'SELECT 1', 'END']);
  });

  it('still splits at a ; inside unclosed parentheses, so typing does not merge statements', () => {
    expect(texts('SELECT (1;\nSELECT 2;')).toEqual(['SELECT (1', 'SELECT 2']);
  });

  it('runs an unterminated string to the end: the rest is one statement', () => {
    expect(texts("SELECT 1; SELECT 'abc; SELECT 2;")).toEqual([
      'SELECT 1',
      "SELECT 'abc; SELECT 2;",
    ]);
  });

  it('accepts tokens already made, for callers that tokenize once', () => {
    const sql = 'SELECT 1; SELECT 2';
    expect(splitStatements(sql, tokenize(sql))).toEqual(splitStatements(sql));
  });
});

describe('statementAt', () => {
  it('picks the statement the cursor is in: start, middle, end', () => {
    expect(pickAt('|SELECT 1; SELECT 2;')).toBe('SELECT 1');
    expect(pickAt('SELECT 1; SEL|ECT 2;')).toBe('SELECT 2');
    expect(pickAt('SELECT 1; SELECT 2|;')).toBe('SELECT 2');
    expect(pickAt('SELECT 1; |SELECT 2;')).toBe('SELECT 2');
  });

  it('picks the statement before when the cursor is right after its ;', () => {
    expect(pickAt('SELECT 1;| SELECT 2;')).toBe('SELECT 1');
    expect(pickAt('SELECT 1;|SELECT 2;')).toBe('SELECT 1');
    expect(pickAt('SELECT 1;\nSELECT 2;|')).toBe('SELECT 2');
  });

  it('picks the statement before on a blank line between statements', () => {
    expect(pickAt('SELECT 1;\n|\nSELECT 2;')).toBe('SELECT 1');
    expect(pickAt('SELECT 1;\n\n  |  \n\nSELECT 2;')).toBe('SELECT 1');
  });

  it("picks the next statement from its line's indentation", () => {
    expect(pickAt('SELECT 1;\n|    SELECT 2;')).toBe('SELECT 2');
    expect(pickAt('SELECT 1;\n  |  SELECT 2;')).toBe('SELECT 2');
  });

  it('picks the last statement after it, in trailing whitespace or comments', () => {
    expect(pickAt('SELECT 1; SELECT 2;\n\n|')).toBe('SELECT 2');
    expect(pickAt('SELECT 1; SELECT 2;\n-- SELECT |3;\n')).toBe('SELECT 2');
    expect(pickAt('SELECT 1; SELECT 2\n\n  |')).toBe('SELECT 2');
  });

  it('gives a comment on its own line to the statement after it', () => {
    expect(pickAt('SELECT 1;\n-- the |second\nSELECT 2;')).toBe('-- the second\nSELECT 2');
    expect(pickAt('SELECT 1;\n/* the |second */ SELECT 2;')).toBe('/* the second */ SELECT 2');
  });

  it('gives a -- comment on the line of the ; to the statement before', () => {
    expect(pickAt('SELECT 1; -- the |first\nSELECT 2;')).toBe('SELECT 1');
  });

  it('picks the first statement before it and nothing in an empty script', () => {
    expect(pickAt('\n\n|\n\nSELECT 1;')).toBe('SELECT 1');
    expect(pickAt('|')).toBeNull();
    expect(pickAt('  -- nothing |here')).toBeNull();
  });

  it('picks inside dollar-quoted bodies by the statement that holds them', () => {
    expect(pickAt('SELECT 1; DO $$ BEGIN; |x; END $$; SELECT 2;')).toBe('DO $$ BEGIN; x; END $$');
  });
});

describe('runTarget', () => {
  const sql = 'SELECT 1;\nSELECT 2;\nSELECT 3;';

  it('runs the statement at the cursor when nothing is selected', () => {
    const at = sql.indexOf('2');
    expect(runTarget(sql, { start: at, end: at })).toEqual({
      text: 'SELECT 2',
      start: 10,
      end: 18,
      source: 'statement',
      statementCount: 1,
    });
  });

  it('runs the selection trimmed of whitespace when it holds something', () => {
    const start = sql.indexOf('SELECT 2') - 1;
    const end = sql.indexOf('2') + 1;
    expect(runTarget(sql, { start, end })).toEqual({
      text: 'SELECT 2',
      start: start + 1,
      end,
      source: 'selection',
      statementCount: 1,
    });
  });

  it('counts the statements of a selection, which the server takes only one of', () => {
    const target = runTarget(sql, { start: 0, end: sql.length });
    expect(target).toMatchObject({ text: sql, source: 'selection', statementCount: 3 });
  });

  it('accepts a backward selection', () => {
    expect(runTarget(sql, { start: 8, end: 0 })).toMatchObject({
      text: 'SELECT 1',
      source: 'selection',
    });
  });

  it('falls back to the statement at the cursor for a whitespace or comment selection', () => {
    const text = 'SELECT 1;  \n\n   -- note\nSELECT 2;';
    expect(runTarget(text, { start: 9, end: 11 })).toMatchObject({
      text: 'SELECT 1',
      source: 'statement',
    });
    const inComment = text.indexOf('note');
    expect(runTarget(text, { start: inComment - 3, end: inComment })).toMatchObject({
      text: '-- note\nSELECT 2',
      source: 'statement',
    });
  });

  it('returns null for a script with no statements', () => {
    expect(runTarget('  ', { start: 1, end: 1 })).toBeNull();
  });
});
