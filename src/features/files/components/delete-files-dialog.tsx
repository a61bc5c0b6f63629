import { useState } from 'react';
import type { FileInfo } from '../../../../contract/files';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { useFileReferences, type RowsUsingFiles } from './use-file-references';

/** Names shown in the confirmation; the rest are counted. */
const NAMES_SHOWN = 5;

const countFiles = (count: number) => (count === 1 ? '1 file' : `${count} files`);
const countRows = (count: number) =>
  count === 1 ? '1 row' : `${count.toLocaleString('en-US')} rows`;

/**
 * Confirms deleting files, naming them (the first few) and how many. Where the server can say
 * (the bundled server), it first counts the table rows that name them, per table and column, and
 * offers to delete those rows with them: nothing is offered before the counts are there.
 */
export function DeleteFilesDialog({
  orgId,
  workspaceId,
  files,
  onConfirm,
  onClose,
  pending,
  error,
}: {
  orgId: string;
  workspaceId: string;
  /** What would be deleted; empty or null when the dialog is closed. */
  files: readonly FileInfo[] | null;
  /** `withRows`: the rows that name the files go too. */
  onConfirm: (withRows: boolean) => void;
  onClose: () => void;
  pending: boolean;
  error: string | null;
}) {
  const list = files ?? [];
  const rows = useFileReferences(orgId, workspaceId, list);
  const [withRows, setWithRows] = useState(false);
  // A new set of files starts unticked: deleting rows is asked for each time.
  const [askedFor, setAskedFor] = useState(files);
  if (askedFor !== files) {
    setAskedFor(files);
    setWithRows(false);
  }
  const taking = withRows && rows.state === 'found';
  const label = `Delete ${countFiles(list.length)}${taking ? ` and ${countRows(rows.total)}` : ''}`;
  const them = list.length === 1 ? 'it' : 'them';
  return (
    <ConfirmDialog
      open={list.length > 0}
      onOpenChange={(open) => {
        if (!open && !pending) onClose();
      }}
      title={`Delete ${countFiles(list.length)}`}
      description={
        <>
          <ul className="list-inside list-disc break-all">
            {list.slice(0, NAMES_SHOWN).map((file) => (
              <li key={file.id}>{file.filename}</li>
            ))}
            {list.length > NAMES_SHOWN && <li>and {countFiles(list.length - NAMES_SHOWN)} more</li>}
          </ul>
          <RowsNote rows={rows} them={them} />
          <p>
            This cannot be undone.
            {!taking &&
              ` Rows of tables that hold ${list.length === 1 ? "this file's" : "these files'"} ` +
                'IDs or paths keep them, but they will point to nothing.'}
          </p>
        </>
      }
      confirmLabel={label}
      onConfirm={() => onConfirm(taking)}
      pending={pending}
      error={error}
    >
      {rows.state === 'found' && (
        <label className="mt-3 flex items-start gap-2 text-sm text-fg">
          <input
            type="checkbox"
            className="mt-0.5 size-4 accent-[rgb(var(--color-danger))]"
            checked={withRows}
            disabled={pending}
            onChange={(event) => setWithRows(event.target.checked)}
          />
          <span>
            Also delete the rows that use {them} ({countRows(rows.total)}), in the same transaction
          </span>
        </label>
      )}
    </ConfirmDialog>
  );
}

/** What the tables hold of the files, or why that is not known. */
function RowsNote({ rows, them }: { rows: RowsUsingFiles; them: string }) {
  switch (rows.state) {
    case 'unavailable':
      return null;
    case 'checking':
      return (
        <p role="status" aria-live="polite">
          Checking the workspace’s tables for rows that use {them}…
        </p>
      );
    case 'failed':
      return (
        <p>
          The tables could not be checked for rows that use {them}: {rows.message}
        </p>
      );
    case 'too-many':
      return (
        <p>
          Rows that use files are counted for up to {rows.limit} files at a time: select fewer to
          delete their rows with them.
        </p>
      );
    case 'none':
      return <p>No row of the workspace’s tables uses {them}.</p>;
    case 'found':
      return (
        <div>
          <p>Rows of the workspace’s tables use {them}:</p>
          <ul className="mt-1 list-inside list-disc break-all" aria-label="Rows that use the files">
            {rows.references.map((reference) => (
              <li key={`${reference.table}\u0000${reference.column}`}>
                <span className="font-mono text-fg">
                  {reference.table}.{reference.column}
                </span>{' '}
                (by {reference.match === 'id' ? 'file ID' : 'path'}): {countRows(reference.rows)}
              </li>
            ))}
          </ul>
        </div>
      );
  }
}
