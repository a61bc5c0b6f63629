import { Play, Save, Square, WandSparkles } from 'lucide-react';
import { Switch } from 'radix-ui';
import { Button } from '../../../components/ui/button';
import { writeControl, type WriteAccess } from '../../workspaces';

/** The SQL tab's actions: run, cancel, format, save as a snippet, and the batch mode switch. */
export function SqlToolbar({
  running,
  canSave,
  batchEnabled,
  access,
  onRun,
  onCancel,
  onFormat,
  onSave,
  onBatchChange,
}: {
  running: boolean;
  canSave: boolean;
  batchEnabled: boolean;
  /** What the caller may change: a viewer gets no batch mode (the server refuses it too). */
  access?: WriteAccess | undefined;
  onRun: () => void;
  onCancel: () => void;
  onFormat: () => void;
  onSave: () => void;
  onBatchChange: (enabled: boolean) => void;
}) {
  return (
    <div role="toolbar" aria-label="SQL actions" className="flex flex-wrap items-center gap-2">
      <Button
        variant="primary"
        size="sm"
        onClick={onRun}
        aria-keyshortcuts="Control+Enter Meta+Enter"
        title="Run the selection, or the statement at the cursor (Ctrl+Enter)"
      >
        <Play aria-hidden className="size-4" />
        Run
      </Button>
      <Button size="sm" onClick={onCancel} disabled={!running}>
        <Square aria-hidden className="size-4" />
        Cancel
      </Button>
      <Button
        size="sm"
        variant="ghost"
        onClick={onFormat}
        title="Format the selection, or everything (Shift+Alt+F)"
      >
        <WandSparkles aria-hidden className="size-4" />
        Format
      </Button>
      <Button size="sm" variant="ghost" onClick={onSave} disabled={!canSave}>
        <Save aria-hidden className="size-4" />
        Save snippet
      </Button>
      <label className="ml-auto flex items-center gap-2 text-sm text-fg">
        <Switch.Root
          checked={batchEnabled}
          onCheckedChange={onBatchChange}
          {...(access ? writeControl(access) : {})}
          className="relative h-5 w-9 shrink-0 rounded-full border border-border bg-raised transition-colors focus-visible:outline-2 focus-visible:outline-accent data-[state=checked]:border-accent data-[state=checked]:bg-accent"
        >
          <Switch.Thumb className="block size-4 translate-x-0.5 rounded-full bg-fg/70 shadow transition-transform data-[state=checked]:translate-x-4 data-[state=checked]:bg-accent-fg" />
        </Switch.Root>
        Batch mode
      </label>
    </div>
  );
}
