import { useQuery } from '@tanstack/react-query';
import type { FileInfo } from '../../../../contract/files';
import { queryFallback } from '../../../components/ui/query-fallback';
import { api } from '../../../lib/api-client';
import { fileKeys } from '../api/keys';
import { fileContentPath } from '../api/paths';
import { formatBytes } from '../lib/format';
import { formatJson } from './format-json';

/** Text past this size is not shown: a browser tab is no place to read a 2 GB log. */
export const TEXT_PREVIEW_MAX_BYTES = 1024 * 1024;

export function TextViewer({
  orgId,
  workspaceId,
  file,
  asJson,
}: {
  orgId: string;
  workspaceId: string;
  file: FileInfo;
  asJson: boolean;
}) {
  const tooLarge = file.size > TEXT_PREVIEW_MAX_BYTES;
  const content = useQuery({
    queryKey: [...fileKeys.detail(orgId, workspaceId, file.id), 'text', asJson],
    queryFn: async ({ signal }) => {
      const blob = await api.blob(fileContentPath(workspaceId, file.id), { orgId, signal });
      const text = await blob.text();
      return asJson ? formatJson(text) : { text };
    },
    enabled: !tooLarge,
    // Held only while shown: a megabyte of text per file adds up over a long session.
    gcTime: 0,
    staleTime: Infinity,
  });

  if (tooLarge) {
    return (
      <p className="p-6 text-center text-sm text-muted">
        {file.filename} is {formatBytes(file.size)}, too large to show here (up to{' '}
        {formatBytes(TEXT_PREVIEW_MAX_BYTES)}). Download it to read it.
      </p>
    );
  }
  if (!content.isSuccess) {
    return (
      <div className="p-6">
        {queryFallback(content, {
          pending: `Loading ${file.filename}`,
          failed: `Could not load ${file.filename}`,
        })}
      </div>
    );
  }
  const { text, json } = content.data;
  return (
    <div className="flex h-full min-h-0 flex-col">
      {json && !json.valid && (
        <p className="border-b border-border px-4 py-2 text-sm text-warning">
          Not valid JSON ({json.reason}); shown as it is.
        </p>
      )}
      <pre
        tabIndex={0}
        aria-label={`Contents of ${file.filename}`}
        className="min-h-0 flex-1 overflow-auto bg-canvas p-4 font-mono text-xs leading-relaxed break-words whitespace-pre-wrap text-fg focus-visible:outline-2 focus-visible:outline-accent"
      >
        {text}
      </pre>
    </div>
  );
}
