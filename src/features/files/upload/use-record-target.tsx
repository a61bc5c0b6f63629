import { Table2, X } from 'lucide-react';
import { useState, type ReactNode } from 'react';
import { Button } from '../../../components/ui/button';
import { IconButton } from '../../../components/ui/icon-button';
import { writeControl, type WriteAccess } from '../../workspaces';
import { RecordInTableDialog } from './record-in-table-dialog';
import type { RecordTarget } from './record-target';

/**
 * "Record in a table" for the gallery's uploads: the table and column each upload gets a row in,
 * chosen in a dialog and kept until changed or stopped (not in the address: it is a mode of
 * uploading, not a place). Offered only where the server records uploads (`available`).
 */
export function useRecordTarget({
  orgId,
  workspaceId,
  available,
  access,
}: {
  orgId: string;
  workspaceId: string;
  available: boolean;
  access: WriteAccess;
}): { target: RecordTarget | null; controls: ReactNode; dialog: ReactNode } {
  const [target, setTarget] = useState<RecordTarget | null>(null);
  const [choosing, setChoosing] = useState(false);
  if (!available) return { target: null, controls: null, dialog: null };
  const shown = target && `${target.table}.${target.column}`;
  const controls = target ? (
    <div className="flex items-center gap-1">
      <Button onClick={() => setChoosing(true)} {...writeControl(access)}>
        <Table2 aria-hidden className="size-4" />
        Recording in {shown}
      </Button>
      <IconButton
        label={`Stop recording uploads in ${shown}`}
        title="Stop recording"
        icon={X}
        onClick={() => setTarget(null)}
      />
    </div>
  ) : (
    <Button onClick={() => setChoosing(true)} {...writeControl(access)}>
      <Table2 aria-hidden className="size-4" />
      Record in a table
    </Button>
  );
  const dialog = choosing && (
    <RecordInTableDialog
      orgId={orgId}
      workspaceId={workspaceId}
      current={target}
      onChoose={(next) => {
        setTarget(next);
        setChoosing(false);
      }}
      onClose={() => setChoosing(false)}
    />
  );
  return { target, controls, dialog };
}
