import { screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { TableColumn } from '../../../../contract/tables';
import { signIn } from '../../../lib/sign-in-state';
import { json, mockApi } from '../../../test/fetch-mock';
import { renderScreen } from '../../../test/render';
import { RecordInTableDialog } from './record-in-table-dialog';

const column = (name: string, type: string, extra: Partial<TableColumn> = {}): TableColumn => ({
  name,
  type,
  nullable: true,
  default: null,
  ...extra,
});

const details = (table: string, columns: TableColumn[]) => () =>
  json(200, { table_name: table, row_count: 0, size_mb: 0, columns });

function open(current: Parameters<typeof RecordInTableDialog>[0]['current'] = null) {
  mockApi({
    'GET /workspaces/photos/tables': () =>
      json(200, {
        tables: [
          { table_name: 'shots', row_count: 3, size_mb: 0 },
          { table_name: 'strict', row_count: 0, size_mb: 0 },
        ],
      }),
    'GET /workspaces/photos/tables/shots': details('shots', [
      column('id', 'int4', { nullable: false, default: "nextval('shots_id_seq'::regclass)" }),
      column('file', 'uuid'),
      column('path', 'text'),
      column('label', 'varchar'),
      column('embedding', '_float4'),
    ]),
    'GET /workspaces/photos/tables/strict': details('strict', [
      column('file', 'uuid'),
      column('n', 'int4', { nullable: false }),
    ]),
  });
  const onChoose = vi.fn();
  const utils = renderScreen(
    <RecordInTableDialog
      orgId="acme"
      workspaceId="photos"
      current={current}
      onChoose={onChoose}
      onClose={() => {}}
    />,
  );
  return { ...utils, onChoose };
}

async function choose(user: ReturnType<typeof open>['user'], label: string, option: RegExp) {
  await user.click(screen.getByRole('combobox', { name: label }));
  await user.click(await screen.findByRole('option', { name: option }));
}

beforeEach(() => signIn('token'));

describe('RecordInTableDialog', () => {
  it('offers only the uuid and text columns, saying what each gets', async () => {
    const { user, onChoose } = open();
    await choose(user, 'Table', /^shots/);
    await user.click(screen.getByRole('combobox', { name: 'Column' }));
    const options = await screen.findAllByRole('option');
    expect(options.map((option) => option.textContent)).toEqual([
      'fileuuid: gets the file ID',
      "pathtext: gets the file's path",
      "labelvarchar: gets the file's path",
    ]);
    await user.click(screen.getByRole('option', { name: /^path/ }));
    await user.click(screen.getByRole('button', { name: 'Record uploads here' }));
    expect(onChoose).toHaveBeenCalledWith({ table: 'shots', column: 'path', match: 'path' });
  });

  it('says a table whose other columns need values would refuse every upload', async () => {
    const { user, onChoose } = open();
    await choose(user, 'Table', /^strict/);
    await choose(user, 'Column', /^file/);
    const dialog = screen.getByRole('dialog', { name: 'Record uploads in a table' });
    expect(within(dialog).getByRole('alert')).toHaveTextContent(
      'n of strict need a value and have no default: an upload recorded here would be refused.',
    );
    expect(screen.getByRole('button', { name: 'Record uploads here' })).toBeDisabled();
    expect(onChoose).not.toHaveBeenCalled();
  });

  it('stops recording', async () => {
    const { user, onChoose } = open({ table: 'shots', column: 'file', match: 'id' });
    await user.click(screen.getByRole('button', { name: 'Stop recording' }));
    expect(onChoose).toHaveBeenCalledWith(null);
  });
});
