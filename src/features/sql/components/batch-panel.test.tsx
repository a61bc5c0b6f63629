import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { Toaster } from 'sonner';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { paramColumnNames } from '../lib/import-rows';
import { paramFields } from '../lib/param-fields';
import { findParameters } from '../lib/parameters';
import type { ParamSettings } from '../lib/saved-state';
import { BatchPanel } from './batch-panel';

let latest: string[][] = [];

beforeEach(() => {
  // jsdom lays nothing out: give the virtualized grid a viewport to fill.
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(400);
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(900);
});

// jsdom's File lacks Blob.text(); read it the old way.
if (!('text' in Blob.prototype)) {
  Object.defineProperty(Blob.prototype, 'text', {
    value(this: Blob) {
      return new Promise<string>((resolve, reject) => {
        const reader = new FileReader();
        reader.onload = () => resolve(reader.result as string);
        reader.onerror = () => reject(reader.error);
        reader.readAsText(this);
      });
    },
  });
}

function Harness({ sql, initial = [[]] }: { sql: string; initial?: string[][] }) {
  const [rows, setRows] = useState<string[][]>(initial);
  const [settings] = useState<ParamSettings>({});
  return (
    <>
      <BatchPanel
        fields={paramFields(findParameters(sql), settings)}
        rows={rows}
        emptyIsNull
        notKept={undefined}
        cellError={null}
        paramNames={paramColumnNames(sql)}
        onRowsChange={(next) => {
          latest = next;
          setRows(next);
        }}
        onParamChange={() => {}}
        onEmptyIsNullChange={() => {}}
      />
      <Toaster />
    </>
  );
}

describe('BatchPanel', () => {
  it('fills rows from cells pasted from a spreadsheet, starting at the cell pasted into', async () => {
    const user = userEvent.setup();
    render(<Harness sql="INSERT INTO t (a, b) VALUES ($1, $2)" />);
    await user.click(screen.getByRole('textbox', { name: 'Row 1, $1' }));
    await user.paste('1\tfirst\r\n2\t"two\nlines"\r\n3\tthird\r\n');
    expect(latest).toEqual([
      ['1', 'first'],
      ['2', 'two\nlines'],
      ['3', 'third'],
    ]);
    expect(screen.getByText(/^3 rows/)).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Row 3, $2' })).toHaveValue('third');
  });

  it('pastes into a later column and row without touching the others', async () => {
    const user = userEvent.setup();
    render(
      <Harness
        sql="SELECT $1, $2"
        initial={[
          ['a', 'b'],
          ['c', 'd'],
        ]}
      />,
    );
    await user.click(screen.getByRole('textbox', { name: 'Row 2, $2' }));
    await user.paste('x\ny\n');
    expect(latest).toEqual([
      ['a', 'b'],
      ['c', 'x'],
      ['', 'y'],
    ]);
  });

  it('keeps a single pasted value in its cell', async () => {
    const user = userEvent.setup();
    render(<Harness sql="SELECT $1" />);
    await user.click(screen.getByRole('textbox', { name: 'Row 1, $1' }));
    await user.paste('just this');
    expect(latest).toEqual([['just this']]);
  });

  it('asks how to map pasted cells that have column names', async () => {
    const user = userEvent.setup();
    render(<Harness sql="INSERT INTO t (name, id) VALUES ($1, $2)" />);
    await user.click(screen.getByRole('textbox', { name: 'Row 1, $1' }));
    await user.paste('id\tname\n1\tAda\n2\tGrace\n');
    const dialog = screen.getByRole('dialog', { name: 'Import parameter rows' });
    expect(dialog).toHaveAccessibleDescription('Pasted cells: 2 rows, 2 columns, tab-separated.');
    expect(
      within(dialog).getByRole('checkbox', { name: 'The first row holds column names' }),
    ).toBeChecked();
    // Mapped by the names the INSERT gives its parameters.
    expect(within(dialog).getByRole('combobox', { name: 'Column for $1' })).toHaveTextContent(
      'name',
    );
    expect(within(dialog).getByRole('combobox', { name: 'Column for $2' })).toHaveTextContent('id');
    await user.click(within(dialog).getByRole('button', { name: 'Import 2 rows' }));
    expect(latest).toEqual([
      ['Ada', '1'],
      ['Grace', '2'],
    ]);
  });

  it('loads a CSV file, maps its columns to the parameters and adds the rows', async () => {
    const user = userEvent.setup();
    render(<Harness sql="SELECT $1::int, $2, $3" initial={[['0', 'zero', 'z']]} />);
    const csv = new File(['code;label;extra\n7;seven;x\n8;eight;y\n'], 'codes.csv', {
      type: 'text/csv',
    });
    await user.upload(screen.getByLabelText('CSV file of parameter rows'), csv);
    const dialog = await screen.findByRole('dialog', { name: 'Import parameter rows' });
    expect(dialog).toHaveAccessibleDescription(
      'codes.csv: 2 rows, 3 columns, semicolon-separated.',
    );
    // Map $3 to nothing, and $2 to "extra".
    await user.click(within(dialog).getByRole('combobox', { name: 'Column for $3' }));
    await user.click(screen.getByRole('option', { name: '(leave empty)' }));
    await user.click(within(dialog).getByRole('combobox', { name: 'Column for $2' }));
    await user.click(screen.getByRole('option', { name: 'extra' }));
    expect(
      within(dialog).getByRole('table', { name: 'Preview of the first rows' }),
    ).toHaveTextContent(/7x.*8y/);
    expect(within(dialog).getByRole('radio', { name: 'Add after the current rows' })).toBeChecked();
    await user.click(within(dialog).getByRole('button', { name: 'Import 2 rows' }));
    expect(latest).toEqual([
      ['0', 'zero', 'z'],
      ['7', 'x', ''],
      ['8', 'y', ''],
    ]);
  });

  it('reads a file without a header row as data', async () => {
    const user = userEvent.setup();
    render(<Harness sql="SELECT $1, $2" />);
    await user.upload(
      screen.getByLabelText('CSV file of parameter rows'),
      new File(['apple,1\nbanana,2\n'], 'fruit.csv', { type: 'text/csv' }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'Import parameter rows' });
    expect(
      within(dialog).getByRole('checkbox', { name: 'The first row holds column names' }),
    ).not.toBeChecked();
    await user.click(within(dialog).getByRole('button', { name: 'Import 2 rows' }));
    expect(latest).toEqual([
      ['apple', '1'],
      ['banana', '2'],
    ]);
  });

  it('adds and removes rows', async () => {
    const user = userEvent.setup();
    render(<Harness sql="SELECT $1" initial={[['a']]} />);
    await user.click(screen.getByRole('button', { name: 'Add row' }));
    expect(latest).toEqual([['a'], ['']]);
    await user.click(screen.getByRole('button', { name: 'Remove row 1' }));
    expect(latest).toEqual([['']]);
  });
});
