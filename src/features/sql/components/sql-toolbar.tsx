import { Gauge, ListOrdered, Network, Play, Save, Square, WandSparkles } from 'lucide-react';
import { Switch } from 'radix-ui';
import { Button } from '../../../components/ui/button';
import { writeControl, type WriteAccess } from '../../workspaces';

const SWITCH_ROOT =
  'relative h-5 w-9 shrink-0 rounded-full border border-border bg-raised transition-colors focus-visible:outline-2 focus-visible:outline-accent data-[state=checked]:border-accent data-[state=checked]:bg-accent';
const SWITCH_THUMB =
  'block size-4 translate-x-0.5 rounded-full bg-fg/70 shadow transition-transform data-[state=checked]:translate-x-4 data-[state=checked]:bg-accent-fg';

/**
 * The SQL tab's actions: run a statement or the whole script, cancel, explain, format, save as a
 * snippet, and the switches for going on after a script's errors and for batch mode.
 */
export function SqlToolbar({
  running,
  canSave,
  batchEnabled,
  continueOnError,
  access,
  onRun,
  onRunScript,
  onCancel,
  onExplain,
  onFormat,
  onSave,
  onBatchChange,
  onContinueOnErrorChange,
}: {
  running: boolean;
  canSave: boolean;
  batchEnabled: boolean;
  continueOnError: boolean;
  /** What the caller may change: a viewer gets no batch mode (the server refuses it too). */
  access?: WriteAccess | undefined;
  onRun: () => void;
  onRunScript: () => void;
  onCancel: () => void;
  onExplain: (analyze: boolean) => void;
  onFormat: () => void;
  onSave: () => void;
  onBatchChange: (enabled: boolean) => void;
  onContinueOnErrorChange: (enabled: boolean) => void;
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
      <Button
        size="sm"
        onClick={onRunScript}
        aria-keyshortcuts="Control+Shift+Enter Meta+Shift+Enter"
        title="Run every statement of the script, or of the selection, in order (Ctrl+Shift+Enter)"
      >
        <ListOrdered aria-hidden className="size-4" />
        Run script
      </Button>
      <Button size="sm" onClick={onCancel} disabled={!running}>
        <Square aria-hidden className="size-4" />
        Cancel
      </Button>
      <Button
        size="sm"
        variant="ghost"
        onClick={() => onExplain(false)}
        title="Show the plan of the statement at the cursor, without running it"
      >
        <Network aria-hidden className="size-4" />
        Explain
      </Button>
      <Button
        size="sm"
        variant="ghost"
        onClick={() => onExplain(true)}
        title="Run the statement at the cursor and show its plan with times (changes are rolled back)"
      >
        <Gauge aria-hidden className="size-4" />
        Explain analyze
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
      <div className="ml-auto flex flex-wrap items-center gap-4">
        <label className="flex items-center gap-2 text-sm text-fg">
          <Switch.Root
            checked={continueOnError}
            onCheckedChange={onContinueOnErrorChange}
            className={SWITCH_ROOT}
          >
            <Switch.Thumb className={SWITCH_THUMB} />
          </Switch.Root>
          Continue after errors
        </label>
        <label className="flex items-center gap-2 text-sm text-fg">
          <Switch.Root
            checked={batchEnabled}
            onCheckedChange={onBatchChange}
            {...(access ? writeControl(access) : {})}
            className={SWITCH_ROOT}
          >
            <Switch.Thumb className={SWITCH_THUMB} />
          </Switch.Root>
          Batch mode
        </label>
      </div>
    </div>
  );
}
