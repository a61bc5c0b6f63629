import { useQuery } from '@tanstack/react-query';
import { Check, Copy } from 'lucide-react';
import { useId, useState } from 'react';
import { copyText } from '../../../components/data-grid/copy';
import { Button } from '../../../components/ui/button';
import { DateText } from '../../../components/ui/date-text';
import { Dialog, DialogContent } from '../../../components/ui/dialog';
import { useApiBaseUrl } from '../../../lib/sign-in-state';
import type { OrganizationView } from '../../organizations';
import type { WorkspaceView as Workspace } from '../api/answers';
import { engineProbeQueryOptions, engineUrl } from '../api/engine-query';

/** A workspace's facts, and the addresses scripts reach it at. Anyone who sees it may look. */
export function WorkspaceDetailsDialog({
  organization,
  workspace,
  onClose,
}: {
  organization: OrganizationView;
  workspace: Workspace | null;
  onClose: () => void;
}) {
  // The last workspace shown stays while the dialog animates closed, instead of an empty panel.
  const [shown, setShown] = useState(workspace);
  if (workspace !== null && workspace !== shown) setShown(workspace);

  return (
    <Dialog
      open={workspace !== null}
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
    >
      {shown && (
        // Wider than a form: the engine URL fits on one line when it can.
        <DialogContent title="Workspace details" description={shown.name} className="sm:max-w-xl">
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
            <dt className="text-muted">ID</dt>
            <dd className="font-mono text-xs leading-5 break-all text-fg">{shown.id}</dd>
            <dt className="text-muted">Organization</dt>
            <dd className="text-fg">
              {organization.name}{' '}
              <code className="font-mono text-xs text-muted">({organization.id})</code>
            </dd>
            <dt className="text-muted">Type</dt>
            <dd className="text-fg">{shown.type ?? '—'}</dd>
            <dt className="text-muted">Created</dt>
            <dd className="text-fg">
              <DateText value={shown.created_at} />
            </dd>
          </dl>
          <EngineUrl orgId={organization.id} workspaceId={shown.id} />
        </DialogContent>
      )}
    </Dialog>
  );
}

/**
 * The older File API's address for this workspace, shown only once the engine has answered a
 * listing there: the hosted service (proxy mode) has no `/engine`, and a URL that answers 404
 * is worse than none. While asking, or when it does not answer, nothing is shown and nothing
 * is reported: it is not an error for a server to have no engine.
 */
function EngineUrl({ orgId, workspaceId }: { orgId: string; workspaceId: string }) {
  const baseUrl = useApiBaseUrl();
  const url = engineUrl(baseUrl, window.location.href, workspaceId);
  const probe = useQuery({
    ...engineProbeQueryOptions(orgId, workspaceId, url ?? ''),
    enabled: url !== null,
  });
  const [copied, setCopied] = useState(false);
  const labelId = useId();
  const hintId = useId();
  if (url === null || probe.data !== true) return null;

  // Text, not an input: the whole URL shows, wrapped when long, and one click selects it all.
  return (
    <div
      role="group"
      aria-labelledby={labelId}
      aria-describedby={hintId}
      className="mt-5 space-y-1.5 border-t border-border pt-4"
    >
      <p id={labelId} className="text-sm font-medium text-fg">
        Engine URL
      </p>
      <div className="flex items-start gap-2">
        <code className="min-w-0 flex-1 rounded border border-border bg-raised px-3 py-[7px] font-mono text-xs leading-5 break-all text-fg select-all">
          {url}
        </code>
        {/* "Copy" alone leaves the URL the room; the name says what it copies. */}
        <Button
          aria-label="Copy engine URL"
          onClick={() => void copyText(url, 'Engine URL').then((ok) => setCopied(ok))}
        >
          {copied ? (
            <Check aria-hidden className="size-4" />
          ) : (
            <Copy aria-hidden className="size-4" />
          )}
          Copy
        </Button>
      </div>
      <p id={hintId} className="text-xs text-muted">
        The older File API&apos;s snippets take it for{' '}
        <code className="font-mono">https://{'{your-engine-url}'}</code>, with an API token for{' '}
        <code className="font-mono">Issued_API_TOKEN</code>.
      </p>
    </div>
  );
}
