import { useQuery } from '@tanstack/react-query';
import { KeyRound, Plus, Trash2 } from 'lucide-react';
import { lazy, useState } from 'react';
import { Badge } from '../../../components/ui/badge';
import { Button } from '../../../components/ui/button';
import { DateText } from '../../../components/ui/date-text';
import { EmptyState } from '../../../components/ui/empty-state';
import { IconButton } from '../../../components/ui/icon-button';
import { LazyMount } from '../../../components/ui/lazy-mount';
import { PageHeader } from '../../../components/ui/page-header';
import { QueryView } from '../../../components/ui/query-view';
import { Table, Td, Th, Tr } from '../../../components/ui/table';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { organizationListQueryOptions } from '../../organizations';
import { isExpired, type TokenView } from '../api/answers';
import { tokenListQueryOptions } from '../api/tokens-query';

const CreateTokenDialog = lazy(() =>
  import('./create-token-dialog').then((m) => ({ default: m.CreateTokenDialog })),
);
const RevokeTokenDialog = lazy(() =>
  import('./revoke-token-dialog').then((m) => ({ default: m.RevokeTokenDialog })),
);

/** The signed-in person's API tokens: made here, shown once, revoked here. */
export function TokensScreen() {
  useDocumentTitle('API tokens');
  const tokens = useQuery(tokenListQueryOptions());
  const organizations = useQuery(organizationListQueryOptions());
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<TokenView | null>(null);
  const orgName = (id: string) => organizations.data?.find((org) => org.id === id)?.name;

  return (
    <>
      <PageHeader
        title="API tokens"
        description="Tokens let scripts and command-line clients use the Deeplake API as you. Each one is for an organization and expires; revoke one as soon as it is no longer needed."
        actions={
          <Button variant="primary" onClick={() => setCreating(true)}>
            <Plus aria-hidden className="size-4" />
            New token
          </Button>
        }
      />

      <QueryView query={tokens} pending="Loading your tokens" failed="Could not load your tokens">
        {(list) =>
          list.length === 0 ? (
            <EmptyState icon={KeyRound} title="No tokens yet">
              Create one with <strong>New token</strong> to use the API from a script or a
              command-line client.
            </EmptyState>
          ) : (
            <Table caption="Your API tokens">
              <thead>
                <tr>
                  <Th>Name</Th>
                  <Th>Organization</Th>
                  <Th>Created</Th>
                  <Th>Expires</Th>
                  <Th>Last used</Th>
                  <Th>
                    <span className="sr-only">Actions</span>
                  </Th>
                </tr>
              </thead>
              <tbody>
                {list.map((token) => (
                  <Tr key={token.id}>
                    <Td>
                      <div className="flex flex-wrap items-center gap-2">
                        <span className="font-medium break-all text-fg">{token.name}</span>
                        {token.current && <Badge tone="accent">This session</Badge>}
                      </div>
                    </Td>
                    <Td className="text-muted">
                      {token.organization_id ? (
                        <>
                          {orgName(token.organization_id) ?? token.organization_id}{' '}
                          <code className="font-mono text-xs">({token.organization_id})</code>
                        </>
                      ) : (
                        'Any of yours'
                      )}
                    </Td>
                    <Td className="text-muted">
                      <DateText value={token.created_at} />
                    </Td>
                    <Td className="text-muted">
                      {token.expires_at ? (
                        <div className="flex flex-wrap items-center gap-2">
                          <DateText value={token.expires_at} />
                          {isExpired(token) && <Badge tone="danger">Expired</Badge>}
                        </div>
                      ) : (
                        'Never'
                      )}
                    </Td>
                    <Td className="text-muted">
                      {token.last_used_at ? <DateText value={token.last_used_at} /> : 'Never'}
                    </Td>
                    <Td>
                      <div className="flex justify-end">
                        <IconButton
                          label={`Revoke ${token.name}`}
                          title="Revoke"
                          icon={Trash2}
                          danger
                          onClick={() => setRevoking(token)}
                        />
                      </div>
                    </Td>
                  </Tr>
                ))}
              </tbody>
            </Table>
          )
        }
      </QueryView>

      <LazyMount when={creating}>
        <CreateTokenDialog open={creating} onOpenChange={setCreating} />
      </LazyMount>
      <LazyMount when={revoking !== null}>
        <RevokeTokenDialog token={revoking} onClose={() => setRevoking(null)} />
      </LazyMount>
    </>
  );
}
