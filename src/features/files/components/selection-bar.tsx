import { FolderInput, Trash2 } from 'lucide-react';
import { Button } from '../../../components/ui/button';
import { writeControl, type WriteAccess } from '../../workspaces';

/** What can be done with the selected files, stuck to the top while the gallery scrolls. */
export function SelectionBar({
  count,
  access,
  onClear,
  onDelete,
  onMove,
}: {
  count: number;
  access: WriteAccess;
  onClear: () => void;
  onDelete: () => void;
  /** Offered only where the server has folders. */
  onMove: (() => void) | null;
}) {
  return (
    <div
      role="region"
      aria-label="Selection"
      className="sticky top-2 z-20 flex flex-wrap items-center gap-2 rounded-lg border border-accent/40 bg-surface px-3 py-2 shadow-md"
    >
      <p className="text-sm font-medium text-fg" aria-live="polite">
        {count === 1 ? '1 file selected' : `${count} files selected`}
      </p>
      <Button size="sm" variant="ghost" onClick={onClear}>
        Clear selection
      </Button>
      <div className="ml-auto flex gap-2">
        {onMove && (
          <Button size="sm" {...writeControl(access)} onClick={onMove}>
            <FolderInput aria-hidden className="size-4" />
            Move selected…
          </Button>
        )}
        <Button size="sm" variant="danger" {...writeControl(access)} onClick={onDelete}>
          <Trash2 aria-hidden className="size-4" />
          Delete selected
        </Button>
      </div>
    </div>
  );
}
