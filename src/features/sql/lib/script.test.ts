import { describe, expect, it } from 'vitest';
import { newTab } from './saved-state';
import { prepareScript, type PreparedScript, type ScriptPlan } from './script';

const none = { start: 0, end: 0 };

function plan(prepared: PreparedScript): ScriptPlan {
  if ('problem' in prepared) throw new Error(`expected a plan, got: ${prepared.problem.message}`);
  return prepared.plan;
}

const texts = (script: ScriptPlan) => script.steps.map((step) => step.plan.sent.text);

describe('prepareScript', () => {
  it('splits the whole text into statements, each with its offset in the text', () => {
    const text = 'SELECT 1;\n\nSELECT 2;\n  SELECT 3';
    const script = plan(prepareScript(newTab(), text, none));
    expect(texts(script)).toEqual(['SELECT 1', 'SELECT 2', 'SELECT 3']);
    for (const { plan: step } of script.steps) {
      expect(text.slice(step.sent.start, step.sent.start + step.sent.text.length)).toBe(
        step.sent.text,
      );
      expect(step.sent.script).toBe(text);
    }
    expect(script.text).toBe(text.trim());
    expect(script.destructive).toEqual([]);
  });

  it('keeps semicolons in strings, dollar-quoted bodies and comments inside their statement', () => {
    const text = [
      "INSERT INTO t VALUES ('a;b');",
      'CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; SELECT 2; $body$ LANGUAGE sql;',
      '-- a comment; with a semicolon',
      '/* block; comment */ SELECT $$;$$;',
      ';;',
    ].join('\n');
    expect(texts(plan(prepareScript(newTab(), text, none)))).toEqual([
      "INSERT INTO t VALUES ('a;b')",
      'CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; SELECT 2; $body$ LANGUAGE sql',
      '-- a comment; with a semicolon\n/* block; comment */ SELECT $$;$$',
    ]);
  });

  it('runs only the selected statements when the selection holds any, at their offsets', () => {
    const text = 'SELECT 1; SELECT 2; SELECT 3;';
    const from = text.indexOf('SELECT 2');
    const script = plan(prepareScript(newTab(), text, { start: from, end: text.length }));
    expect(texts(script)).toEqual(['SELECT 2', 'SELECT 3']);
    expect(script.steps[0]!.plan.sent.start).toBe(from);
    expect(script.text).toBe('SELECT 2; SELECT 3');
  });

  it('gives each statement the values of its own $1 … $max', () => {
    const text = 'SELECT $1::int; SELECT 1; SELECT $2::text, $1::int';
    const tab = newTab({
      params: {
        1: { type: 'number', value: '7', typeChosen: true },
        2: { type: 'text', value: 'x', typeChosen: true },
      },
    });
    const params = plan(prepareScript(tab, text, none)).steps.map((step) =>
      step.plan.mode.kind === 'query' ? step.plan.mode.params : null,
    );
    expect(params).toEqual([[7], [], [7, 'x']]);
  });

  it('names every destructive statement, by its number', () => {
    const text = 'SELECT 1; DROP TABLE a; DELETE FROM b';
    expect(plan(prepareScript(newTab(), text, none)).destructive).toEqual([
      'Statement 2: DROP TABLE a deletes the table and all its rows',
      'Statement 3: DELETE without WHERE removes every row of b',
    ]);
  });

  it('refuses an empty script, batch mode, and a statement whose parameter is wrong', () => {
    const problem = (prepared: PreparedScript) =>
      'problem' in prepared ? prepared.problem.message : null;
    expect(problem(prepareScript(newTab(), ' -- nothing ', none))).toMatch(/no statement/);
    const batch = newTab({ batch: { enabled: true, rows: [['1']], emptyIsNull: true } });
    expect(problem(prepareScript(batch, 'SELECT $1', none))).toMatch(/batch mode/);
    const bad = newTab({ params: { 1: { type: 'number', value: 'x', typeChosen: true } } });
    expect(problem(prepareScript(bad, 'SELECT 1; SELECT $1', none))).toMatch(/^Statement 2: \$1/);
  });
});
