import type { Blocker } from 'react-router';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';

/** Asks before leaving the table with staged changes, which leaving would lose. */
export function LeaveEditsDialog({ blocker, staged }: { blocker: Blocker; staged: number }) {
  return (
    <ConfirmDialog
      open={blocker.state === 'blocked'}
      onOpenChange={(open) => {
        if (!open && blocker.state === 'blocked') blocker.reset();
      }}
      title="Leave without saving?"
      description={`${staged} staged ${staged === 1 ? 'change is' : 'changes are'} not saved. Leaving the table discards ${staged === 1 ? 'it' : 'them'}.`}
      confirmLabel="Leave and discard"
      onConfirm={() => {
        if (blocker.state === 'blocked') blocker.proceed();
      }}
    />
  );
}
