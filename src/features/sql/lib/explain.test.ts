import { describe, expect, it } from 'vitest';
import { explainSql, isExplain, readPlan, writesData } from './explain';

describe('explainSql', () => {
  it('never asks for ANALYZE in a plain Explain', () => {
    expect(explainSql('SELECT 1', false)).toBe('EXPLAIN (FORMAT JSON) SELECT 1');
    expect(explainSql('SELECT 1', true)).toBe('EXPLAIN (FORMAT JSON, ANALYZE, BUFFERS) SELECT 1');
  });

  it('knows an EXPLAIN already', () => {
    expect(isExplain('/* c */ explain select 1')).toBe(true);
    expect(isExplain("SELECT 'explain'")).toBe(false);
  });
});

describe('writesData', () => {
  it.each([
    ['SELECT * FROM t', false],
    ["SELECT 'update' FROM t", false],
    ['VALUES (1)', false],
    ['WITH a AS (SELECT 1) SELECT * FROM a', false],
    ['WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d', true],
    ['SELECT * INTO copy FROM t', true],
    ["UPDATE t SET a = 'x'", true],
    ['insert into t values (1)', true],
    ['CREATE TABLE x (a int)', true],
  ])('%s → %s', (sql, writes) => expect(writesData(sql)).toBe(writes));
});

const analyzed = [
  {
    Plan: {
      'Node Type': 'Nested Loop',
      'Join Type': 'Inner',
      'Total Cost': 100,
      'Plan Rows': 10,
      'Actual Total Time': 5,
      'Actual Rows': 8,
      'Actual Loops': 1,
      Plans: [
        {
          'Node Type': 'Seq Scan',
          'Relation Name': 'orders',
          Alias: 'o',
          'Total Cost': 40,
          'Plan Rows': 10,
          'Actual Total Time': 1,
          'Actual Rows': 8,
          'Actual Loops': 1,
          'Shared Hit Blocks': 4,
          Filter: '(total > 10)',
          'Rows Removed by Filter': 2,
        },
        {
          'Node Type': 'Index Scan',
          'Relation Name': 'customers',
          Alias: 'customers',
          'Index Name': 'customers_pkey',
          'Index Cond': '(id = o.customer_id)',
          'Total Cost': 50,
          'Plan Rows': 1,
          'Actual Total Time': 0.375,
          'Actual Rows': 1,
          'Actual Loops': 8,
        },
      ],
    },
    'Planning Time': 0.2,
    'Execution Time': 5.1,
  },
];

describe('readPlan', () => {
  it('reads an analyzed plan: rows, loops, own time, shares and the most expensive node', () => {
    const plan = readPlan(analyzed)!;
    expect(plan).toMatchObject({ analyzed: true, planningMs: 0.2, executionMs: 5.1 });
    const [seq, index] = plan.root.children;
    expect(plan.root.type).toBe('Nested Loop (Inner)');
    // 5 ms in all, of which 1 ms in the scan and 8 × 0.375 = 3 ms in the index scan.
    expect(plan.root.selfMs).toBeCloseTo(1);
    expect(index).toMatchObject({
      type: 'Index Scan',
      relation: 'customers',
      index: 'customers_pkey',
      actualRows: 8,
      loops: 8,
      totalMs: 3,
      mostExpensive: true,
    });
    expect(index!.alias).toBeUndefined();
    expect(index!.share).toBeCloseTo(0.6);
    expect(seq).toMatchObject({ relation: 'orders', alias: 'o', mostExpensive: false });
    expect(seq!.details).toEqual([
      { label: 'Filter', value: '(total > 10)' },
      { label: 'Rows Removed by Filter', value: '2' },
      { label: 'Buffers', value: '4 hit, 0 read' },
    ]);
    expect(plan.root.mostExpensive).toBe(false);
  });

  it('shares the cost of an estimated plan, from JSON text too', () => {
    const estimated = JSON.stringify([
      {
        Plan: {
          'Node Type': 'Bitmap Heap Scan',
          'Relation Name': 't',
          'Total Cost': 30,
          'Plan Rows': 5,
          Plans: [
            {
              'Node Type': 'Bitmap Index Scan',
              'Index Name': 't_a_idx',
              'Total Cost': 20,
              'Plan Rows': 5,
            },
          ],
        },
      },
    ]);
    const plan = readPlan(estimated)!;
    expect(plan.analyzed).toBe(false);
    expect(plan.root.actualRows).toBeUndefined();
    expect(plan.root.share).toBeCloseTo(1 / 3);
    expect(plan.root.children[0]).toMatchObject({ index: 't_a_idx', mostExpensive: true });
  });

  it('says null for what is not a plan', () => {
    expect(readPlan(null)).toBeNull();
    expect(readPlan('not json')).toBeNull();
    expect(readPlan([{ nope: 1 }])).toBeNull();
  });
});
