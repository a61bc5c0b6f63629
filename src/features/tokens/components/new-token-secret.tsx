import { Check, Copy } from 'lucide-react';
import { useState } from 'react';
import { copyText } from '../../../components/data-grid/copy';
import { Button } from '../../../components/ui/button';
import { DateText } from '../../../components/ui/date-text';
import { DialogFooter } from '../../../components/ui/dialog';
import { IconButton } from '../../../components/ui/icon-button';
import { TextField } from '../../../components/ui/input';
import { useApiBaseUrl } from '../../../lib/sign-in-state';
import type { CreatedTokenView } from '../api/answers';
import { absoluteApiUrl, tokenSnippets } from '../lib/snippets';

/** The new token's secret, this once, with ways to use it right away. */
export function NewTokenSecret({
  created,
  onDone,
}: {
  created: CreatedTokenView;
  onDone: () => void;
}) {
  const baseUrl = useApiBaseUrl();
  const [copied, setCopied] = useState(false);
  const snippets = tokenSnippets({
    secret: created.secret,
    orgId: created.organization_id,
    apiUrl: absoluteApiUrl(baseUrl, window.location.href),
  });

  return (
    <div className="space-y-4">
      {created.name && (
        <p className="text-sm text-fg">
          <strong>{created.name}</strong>
          {created.expires_at && (
            <>
              {' '}
              works until <DateText value={created.expires_at} />
            </>
          )}
          .
        </p>
      )}
      <div className="flex items-end gap-2">
        <TextField
          className="min-w-0 flex-1 [&_input]:font-mono [&_input]:text-xs"
          label="Token"
          value={created.secret}
          readOnly
          onFocus={(event) => event.currentTarget.select()}
          spellCheck={false}
        />
        <Button onClick={() => void copyText(created.secret, 'Token').then((ok) => setCopied(ok))}>
          {copied ? (
            <Check aria-hidden className="size-4" />
          ) : (
            <Copy aria-hidden className="size-4" />
          )}
          Copy token
        </Button>
      </div>

      <section aria-labelledby="token-snippets" className="space-y-3">
        <h3 id="token-snippets" className="text-sm font-medium text-fg">
          Use it
        </h3>
        {snippets.map((snippet) => (
          <figure key={snippet.id} className="rounded border border-border bg-raised">
            <figcaption className="flex items-center justify-between border-b border-border py-1 pr-1 pl-3 text-xs font-medium text-muted">
              {snippet.title}
              <IconButton
                label={`Copy ${snippet.what}`}
                title="Copy"
                icon={Copy}
                onClick={() => void copyText(snippet.code, snippet.title)}
              />
            </figcaption>
            <pre className="p-3 font-mono text-xs whitespace-pre-wrap text-fg wrap-anywhere">
              <code>{snippet.code}</code>
            </pre>
          </figure>
        ))}
      </section>

      <DialogFooter>
        <Button variant="primary" onClick={onDone}>
          Done
        </Button>
      </DialogFooter>
    </div>
  );
}
