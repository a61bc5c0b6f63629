import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { FileList } from '../../../../contract/files';
import { api, segment } from '../../../lib/api-client';

const SHOWN = 8;

/**
 * The workspace's files, newest first and searchable by name, to put a file's id in a uuid
 * column (the key that joins files to tables) without copying it from the Files page.
 */
export function FilePicker({
  orgId,
  workspaceId,
  selected,
  onPick,
}: {
  orgId: string;
  workspaceId: string;
  selected: string;
  onPick: (fileId: string) => void;
}) {
  const [search, setSearch] = useState('');
  const files = useQuery({
    queryKey: ['tables', 'file-picker', orgId, workspaceId, search],
    queryFn: ({ signal }) => {
      const query = new URLSearchParams({ limit: String(SHOWN), offset: '0' });
      if (search.trim()) query.set('q', search.trim());
      return api.get<FileList>(`/workspaces/${segment(workspaceId)}/files?${query.toString()}`, {
        orgId,
        signal,
      });
    },
    placeholderData: keepPreviousData,
  });

  return (
    <div className="space-y-1.5 rounded border border-border p-2">
      <input
        type="search"
        aria-label="Find a file by name"
        placeholder="Find a file by name"
        value={search}
        onChange={(event) => setSearch(event.target.value)}
        className="block h-8 w-full rounded border border-border bg-surface px-2 text-sm focus-visible:outline-2 focus-visible:outline-accent"
      />
      {files.isError ? (
        <p className="text-xs text-danger">Could not list the files: {files.error.message}</p>
      ) : !files.data ? (
        <p className="text-xs text-muted">Loading files…</p>
      ) : files.data.files.length === 0 ? (
        <p className="text-xs text-muted">No files{search.trim() ? ' with that name' : ''}.</p>
      ) : (
        <ul aria-label="Files" className="max-h-40 overflow-y-auto">
          {files.data.files.map((file) => (
            <li key={file.id}>
              <button
                type="button"
                aria-pressed={file.id === selected}
                className="flex w-full items-baseline gap-2 rounded px-1.5 py-1 text-left text-sm hover:bg-raised focus-visible:outline-2 focus-visible:outline-accent aria-pressed:bg-accent/10"
                onClick={() => onPick(file.id)}
              >
                <span className="min-w-0 flex-1 truncate">{file.filename}</span>
                <span className="font-mono text-xs text-muted">{file.id.slice(0, 8)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
