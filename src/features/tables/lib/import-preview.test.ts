import { describe, expect, it } from 'vitest';
import { ColumnInference } from '../../../../contract/column-inference';
import { columnNames } from '../../../../contract/column-names';
import { formatOf, parseCsv, previewText, tableNameFromFile } from './import-preview';
import { sniffDelimiter } from '../../../../contract/csv-delimiter';

function inferCsv(values: (string | null)[]) {
  const column = new ColumnInference();
  values.forEach((value) => column.observe(value));
  return column.type;
}

function inferJson(values: unknown[]) {
  const column = new ColumnInference();
  values.forEach((value) => column.observeJson(value));
  return column.type;
}

describe('type inference (the server rules)', () => {
  it('widens numbers as far as needed', () => {
    expect(inferCsv(['1', '-2', null, ''])).toBe('int4');
    expect(inferCsv(['1', '2147483648'])).toBe('int8');
    expect(inferCsv(['1', '9007199254740993'])).toBe('int8');
    expect(inferCsv(['1', '99999999999999999999'])).toBe('numeric');
    expect(inferCsv(['1', '2.5'])).toBe('float8');
    expect(inferCsv(['9007199254740993', '2.5'])).toBe('numeric');
    expect(inferCsv(['1e5', '.5', '5.'])).toBe('float8');
  });

  it('keeps as text what PostgreSQL would read differently', () => {
    for (const value of [
      '007',
      '+5',
      ' 5',
      '1_000',
      '0x1A',
      'NaN',
      'Infinity',
      'yes',
      '2024-02-30',
    ]) {
      expect(inferCsv([value])).toBe('text');
    }
    expect(inferCsv(['1', 'true'])).toBe('text');
  });

  it('recognises booleans, dates, timestamps, uuids and JSON', () => {
    expect(inferCsv(['true', 'FALSE'])).toBe('bool');
    expect(inferCsv(['2024-02-29'])).toBe('date');
    expect(inferCsv(['2024-02-29', '2024-03-01T10:00:00Z'])).toBe('timestamptz');
    expect(inferCsv(['2024-03-01 10:00:00.123+02:00'])).toBe('timestamptz');
    expect(inferCsv(['2024-03-01T25:00'])).toBe('text');
    expect(inferCsv(['3f2504e0-4f89-11d3-9a0c-0305e82c3301'])).toBe('uuid');
    expect(inferCsv(['{"a": 1}', '[1, 2]'])).toBe('jsonb');
    expect(inferCsv(['{"a": 1'])).toBe('text');
    expect(inferCsv(['{"bad": "\\u0000"}'])).toBe('text');
    expect(inferCsv([null])).toBe('text');
  });

  it('reads JSON values by their JSON type', () => {
    expect(inferJson([1, 2])).toBe('int4');
    expect(inferJson([1, 2.5])).toBe('float8');
    expect(inferJson(['1', '2'])).toBe('text');
    expect(inferJson([true])).toBe('bool');
    expect(inferJson(['2024-01-01', null])).toBe('date');
    expect(inferJson([{ a: 1 }, 'x'])).toBe('jsonb');
    expect(inferJson([[1, 2]])).toBe('jsonb');
  });
});

describe('CSV reading', () => {
  it('sniffs the delimiter from the sample', () => {
    expect(sniffDelimiter('a,b,c\n1,2,3\n')).toBe(',');
    expect(sniffDelimiter('a;b\n1,5;2\n')).toBe(';');
    expect(sniffDelimiter('a\tb\n1\t2')).toBe('\t');
    expect(sniffDelimiter('a|b|c\n1|2|3')).toBe('|');
    expect(sniffDelimiter('single\n1\n')).toBe(',');
  });

  it('splits quoted fields as COPY does, empty fields as NULL', () => {
    const records = parseCsv('a,b\n"x, ""y""",\n"multi\nline",z\n', ',', false);
    expect(records).toEqual([
      { fields: ['a', 'b'], line: 1 },
      { fields: ['x, "y"', null], line: 2 },
      { fields: ['multi\nline', 'z'], line: 3 },
    ]);
  });

  it('leaves out a record the sample cuts off', () => {
    expect(parseCsv('a,b\n1,2\n3,', ',', true)).toHaveLength(2);
    expect(parseCsv('a,b\n1,2\n3,4', ',', false)).toHaveLength(3);
  });

  it('names columns as the server does', () => {
    expect(columnNames(['id', ' name ', '', 'id', 'id_2'])).toEqual([
      'id',
      'name',
      'column_3',
      'id_3',
      'id_2',
    ]);
    expect(columnNames(['é'.repeat(40)])[0]).toHaveLength(31);
  });
});

describe('previewText', () => {
  it('shows the columns, their types and the first rows of a CSV', () => {
    const preview = previewText(
      'people.csv',
      'id;name;active;joined\n1;Ada;true;2024-01-02\n2;;false;2024-02-03\n',
      true,
    );
    expect(preview).toMatchObject({
      format: 'csv',
      delimiter: ';',
      columns: ['id', 'name', 'active', 'joined'],
      types: ['int4', 'text', 'bool', 'date'],
      rows: [
        [1, 'Ada', true, '2024-01-02'],
        [2, null, false, '2024-02-03'],
      ],
      sampledRows: 2,
      problems: [],
    });
  });

  it('reports the line the server will refuse', () => {
    const preview = previewText('bad.csv', 'a,b\n1,2\n3\n4,5,6\n', true);
    expect(preview.problems).toEqual([
      'line 3: has 1 field, the header has 2',
      'line 4: has 3 fields, the header has 2',
    ]);
  });

  it('reads JSON arrays and NDJSON, keys in order of first appearance', () => {
    const array = previewText('x.json', '[{"a": 1, "b": "x"}, {"c": {"d": 1}, "a": 2.5}]', true);
    expect(array.columns).toEqual(['a', 'b', 'c']);
    expect(array.types).toEqual(['float8', 'text', 'jsonb']);
    expect(array.rows).toEqual([
      [1, 'x', null],
      [2.5, null, { d: 1 }],
    ]);
    const lines = previewText('x.ndjson', '{"a": true}\n{"a": false}\n{"a": ', false);
    expect(lines.types).toEqual(['bool']);
    expect(lines.sampledRows).toBe(2);
  });

  it('says when a JSON file has no columns or is broken', () => {
    expect(previewText('x.json', '[]', true).problems[0]).toMatch(/no columns/);
    expect(previewText('x.json', '{"a": nope}', true).problems[0]).toMatch(
      /^line 1: not valid JSON/,
    );
  });

  it('tells the format from the name, else from the first character', () => {
    expect(formatOf('data.TSV', '[')).toBe('csv');
    expect(formatOf('data.jsonl', 'a,b')).toBe('json');
    expect(formatOf('data', '\uFEFF  [{"a":1}]')).toBe('json');
    expect(formatOf('data', 'a,b')).toBe('csv');
  });
});

describe('tableNameFromFile', () => {
  it('makes a name the API accepts', () => {
    expect(tableNameFromFile('Sales 2024.csv')).toBe('sales_2024');
    expect(tableNameFromFile('2024-report.json')).toBe('t_2024-report');
    expect(tableNameFromFile('Café Menü.csv')).toBe('cafe_menu');
    expect(tableNameFromFile('pg_stats.csv')).toBe('t_pg_stats');
    expect(tableNameFromFile(`${'x'.repeat(80)}.csv`)).toHaveLength(63);
  });
});
