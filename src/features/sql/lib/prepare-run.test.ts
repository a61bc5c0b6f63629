import { describe, expect, it } from 'vitest';
import { prepareRun, type PreparedRun, type RunPlan } from './prepare-run';
import { newTab, type SqlTab } from './saved-state';

const at = (text: string, start = text.length, end = start) => ({ start, end });

function plan(prepared: PreparedRun): RunPlan {
  if ('problem' in prepared) throw new Error(`expected a plan, got: ${prepared.problem.message}`);
  return prepared.plan;
}

function problem(prepared: PreparedRun) {
  if ('plan' in prepared) throw new Error('expected a problem, got a plan');
  return prepared.problem;
}

const batchTab = (rows: string[][], emptyIsNull = true): SqlTab =>
  newTab({ batch: { enabled: true, rows, emptyIsNull } });

describe('prepareRun', () => {
  it('plans the statement at the cursor, with where it sits in the script', () => {
    const script = 'SELECT 1;\nSELECT 2;';
    const { sent, mode, params, destructive } = plan(prepareRun(newTab(), script, at(script, 3)));
    expect(sent).toEqual({ text: 'SELECT 1', start: 0, script });
    expect(mode).toEqual({ kind: 'query', params: [] });
    expect(params).toEqual([]);
    expect(destructive).toBeNull();
  });

  it('converts each parameter to its type (JSON goes as its text) and keeps the inputs for the history', () => {
    const script = 'SELECT $1::int + 1, $2';
    const tab = newTab({
      params: {
        1: { type: 'number', value: '41', typeChosen: true },
        2: { type: 'json', value: '{"a":[1]}', typeChosen: true },
      },
    });
    const { mode, params } = plan(prepareRun(tab, script, at(script)));
    expect(mode).toEqual({ kind: 'query', params: [41, '{"a":[1]}'] });
    expect(params).toEqual([
      { number: 1, type: 'number', value: '41' },
      { number: 2, type: 'json', value: '{"a":[1]}' },
    ]);
  });

  it('stops at a value its type refuses, naming the parameter', () => {
    const script = 'SELECT $1';
    const tab = newTab({ params: { 1: { type: 'number', value: 'forty', typeChosen: true } } });
    expect(problem(prepareRun(tab, script, at(script))).message).toMatch(/^\$1: /);
  });

  it('sends no statement at all as a problem, and two selected statements as another', () => {
    expect(problem(prepareRun(newTab(), '  -- nothing\n', at('  -- nothing\n'))).message).toBe(
      'There is no statement to run: write one in the editor.',
    );
    const two = 'SELECT 1; SELECT 2';
    expect(problem(prepareRun(newTab(), two, at(two, 0, two.length))).message).toMatch(
      /^The selection holds 2 statements/,
    );
  });

  it('refuses parameters numbered outside $1 … $65535', () => {
    const script = 'SELECT $0, $70000';
    expect(problem(prepareRun(newTab(), script, at(script))).message).toBe(
      '$0, $70000: parameters are numbered from $1 to $65535.',
    );
  });

  it('asks for confirmation of a destructive statement, with the reason', () => {
    const script = 'DROP TABLE people';
    expect(plan(prepareRun(newTab(), script, at(script))).destructive).toMatch(/people/);
  });

  it('plans a batch from the filled rows, cut to the parameters the statement has', () => {
    const script = 'INSERT INTO t VALUES ($1, $2)';
    const tab = batchTab([
      ['1', 'a', 'extra'],
      ['', ''],
      ['2', ''],
    ]);
    const { mode } = plan(prepareRun(tab, script, at(script)));
    expect(mode).toEqual({
      kind: 'batch',
      rows: [
        ['1', 'a'],
        ['2', null],
      ],
      rawRows: [
        ['1', 'a'],
        ['2', ''],
      ],
      emptyIsNull: true,
    });
  });

  it('says what a batch lacks: parameters, or rows', () => {
    expect(problem(prepareRun(batchTab([['1']]), 'SELECT 1', at('SELECT 1'))).message).toMatch(
      /^Batch mode runs a statement with parameters/,
    );
    const script = 'SELECT $1';
    expect(problem(prepareRun(batchTab([['']]), script, at(script))).message).toBe(
      'Add at least one row of parameters to run the batch.',
    );
  });

  it('names the batch cell its type refuses, so the grid can mark it', () => {
    const script = 'SELECT $1';
    const tab: SqlTab = {
      ...batchTab([['1'], ['two']]),
      params: { 1: { type: 'number', value: '', typeChosen: true } },
    };
    const found = problem(prepareRun(tab, script, at(script)));
    expect(found.message).toMatch(/^Row 2, \$1: /);
    expect(found.cell).toMatchObject({ row: 1, param: 1 });
  });
});
