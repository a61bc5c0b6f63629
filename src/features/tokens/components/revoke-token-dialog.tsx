import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import type { TokenView } from '../api/answers';
import { useRevokeToken } from '../api/token-revoke-mutation';

export function RevokeTokenDialog({
  token,
  onClose,
}: {
  token: TokenView | null;
  onClose: () => void;
}) {
  const revoke = useRevokeToken();
  return (
    <ConfirmDialog
      open={token !== null}
      onOpenChange={(open) => {
        if (open) return;
        revoke.reset();
        onClose();
      }}
      title="Revoke token"
      description={
        token && (
          <>
            <p>
              <strong className="text-fg">{token.name}</strong> stops working at once: whatever uses
              it is refused from now on. This cannot be undone.
            </p>
            {token.current && (
              <p className="text-warning">
                This console is signed in with this token: revoking it signs you out here.
              </p>
            )}
          </>
        )
      }
      confirmLabel="Revoke token"
      onConfirm={() => {
        if (token) revoke.mutate(token, { onSuccess: onClose });
      }}
      pending={revoke.isPending}
      error={revoke.error?.message}
    />
  );
}
