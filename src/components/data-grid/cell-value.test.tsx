import { render, screen } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CellValue, FullValue } from './cell-value';

// Node reads TZ whenever it changes, so Date follows the stubbed zone.
beforeAll(() => {
  vi.stubEnv('TZ', 'Europe/Berlin');
});
afterAll(() => {
  vi.unstubAllEnvs();
});

function cell(value: unknown, type?: string) {
  return render(<CellValue value={value} type={type} />).container;
}

describe('CellValue', () => {
  it('shows NULL differently from the string "NULL"', () => {
    const sqlNull = cell(null, 'text');
    expect(sqlNull).toHaveTextContent('NULL');
    expect(sqlNull.querySelector('[data-null]')).toHaveClass('italic');

    const text = cell('NULL', 'text');
    expect(text).toHaveTextContent('NULL');
    expect(text.querySelector('[data-null]')).toBeNull();
  });

  it('shows booleans as marks with "true"/"false" for assistive technology', () => {
    expect(cell(true, 'bool')).toHaveTextContent(/^true$/);
    expect(cell(false, 'bool')).toHaveTextContent(/^false$/);
    expect(cell(true, 'bool').querySelector('svg')).not.toBeNull();
  });

  it('shows numbers exactly as sent, big ones included', () => {
    expect(cell('123456789012345678901234567890', 'numeric')).toHaveTextContent(
      '123456789012345678901234567890',
    );
    expect(cell(0.5, 'float8')).toHaveTextContent('0.5');
  });

  it('shows a timestamptz in local time and its UTC value on hover', () => {
    const container = cell('2024-07-01T10:00:00.250Z', 'timestamptz');
    const time = container.querySelector('time')!;
    expect(time).toHaveTextContent('2024-07-01 12:00:00.250');
    expect(time).toHaveAttribute('title', '2024-07-01 10:00:00.250 UTC');
    expect(time).toHaveAttribute('dateTime', '2024-07-01T10:00:00.250Z');
  });

  it('shows timestamps without zone and dates as stored', () => {
    expect(cell('2024-07-01T10:00:00', 'timestamp')).toHaveTextContent('2024-07-01 10:00:00');
    expect(cell('2024-07-01', 'date')).toHaveTextContent('2024-07-01');
    expect(cell('infinity', 'timestamptz')).toHaveTextContent('infinity');
  });

  it('previews JSON on one line', () => {
    expect(cell({ source: 'manual', tags: ['a'] }, 'jsonb')).toHaveTextContent(
      '{"source":"manual","tags":["a"]}',
    );
    expect(cell('plain', 'jsonb')).toHaveTextContent('"plain"');
  });

  it('abbreviates vectors and shows short arrays whole', () => {
    const vector = Array.from({ length: 768 }, () => 0.25);
    expect(cell(vector, '_float4')).toHaveTextContent('[0.25, 0.25, … 768 values]');
    expect(cell([1, 2], '_int4')).toHaveTextContent('[1, 2]');
  });

  it('never dumps binary data into a cell', () => {
    const container = cell(btoa('\u0000\u0001binary\u00ff'), 'bytea');
    expect(container).toHaveTextContent('[binary, 9 bytes]');
  });

  it('keeps long text on one line', () => {
    expect(cell('line one\nline two', 'text')).toHaveTextContent('line one ⏎ line two');
  });
});

describe('FullValue', () => {
  it('pretty-prints JSON', () => {
    const { container } = render(<FullValue value={{ a: { b: [1, 2] } }} type="jsonb" />);
    expect(container.querySelector('pre')?.textContent).toBe(
      '{\n  "a": {\n    "b": [\n      1,\n      2\n    ]\n  }\n}',
    );
  });

  it('shows every value of a vector and how many there are', () => {
    const vector = Array.from({ length: 20 }, (_, i) => i / 10);
    render(<FullValue value={vector} type="_float4" />);
    expect(screen.getByText('20 values')).toBeInTheDocument();
    expect(screen.getByText(/\[0,0\.1,0\.2,.*1\.9\]/)).toBeInTheDocument();
  });

  it('shows binary data as a hex dump with its size', () => {
    const { container } = render(<FullValue value={btoa('AB')} type="bytea" />);
    expect(screen.getByText('2 bytes')).toBeInTheDocument();
    expect(container.querySelector('pre')).toHaveTextContent('00000000 41 42');
  });

  it('previews binary images', () => {
    const png = btoa(String.fromCharCode(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a));
    render(<FullValue value={png} type="bytea" />);
    expect(screen.getByRole('img', { name: /image\/png, 8 bytes/ })).toHaveAttribute(
      'src',
      `data:image/png;base64,${png}`,
    );
  });

  it('shows a timestamptz in local time and in UTC', () => {
    render(<FullValue value="2024-01-15T08:30:00Z" type="timestamptz" />);
    expect(screen.getByText('2024-01-15 09:30:00')).toBeInTheDocument();
    expect(screen.getByText('2024-01-15 08:30:00 UTC')).toBeInTheDocument();
  });

  it('shows long text whole, line breaks kept', () => {
    const { container } = render(<FullValue value={'a\nb'} type="text" />);
    expect(container.querySelector('pre')?.textContent).toBe('a\nb');
  });
});
