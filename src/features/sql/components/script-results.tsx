import clsx from 'clsx';
import { Ban, CircleCheck, CircleMinus, CircleX, Clock, Loader2 } from 'lucide-react';
import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { formatDuration } from '../lib/result-summary';
import type { RunState, ScriptStepState, ScriptStepStatus } from '../state/run-store';
import { Result, RunError } from './query-result';
import type { RequestTarget } from './result-export-menu';

/**
 * A Run script's outcome: a line for the whole script, then one tab per statement with its
 * status (ok, error, skipped …), rows and time. The tab shown follows the run (the failed
 * statement, else the one running, else the last) until one is picked.
 */

type ScriptState = Extract<RunState, { status: 'script' }>;

const STATUS_WORDS: Record<ScriptStepStatus, string> = {
  pending: 'waiting',
  running: 'running',
  ok: 'ok',
  error: 'error',
  skipped: 'skipped',
  cancelled: 'cancelled',
};

function StatusIcon({ status }: { status: ScriptStepStatus }) {
  const common = 'size-3.5 shrink-0';
  switch (status) {
    case 'ok':
      return <CircleCheck aria-hidden className={clsx(common, 'text-success')} />;
    case 'error':
      return <CircleX aria-hidden className={clsx(common, 'text-danger')} />;
    case 'running':
      return <Loader2 aria-hidden className={clsx(common, 'animate-spin text-accent')} />;
    case 'cancelled':
      return <Ban aria-hidden className={clsx(common, 'text-muted')} />;
    case 'pending':
      return <Clock aria-hidden className={clsx(common, 'text-muted')} />;
    case 'skipped':
      return <CircleMinus aria-hidden className={clsx(common, 'text-muted')} />;
  }
}

/** The statement that deserves attention: the first failure, else the running one, else the last. */
function followed(steps: readonly ScriptStepState[]) {
  const failed = steps.findIndex((step) => step.status === 'error');
  if (failed !== -1) return failed;
  const running = steps.findIndex((step) => step.status === 'running');
  if (running !== -1) return running;
  let last = 0;
  steps.forEach((step, k) => {
    if (step.status === 'ok' || step.status === 'cancelled') last = k;
  });
  return last;
}

function summary(state: ScriptState) {
  const count = (status: ScriptStepStatus) =>
    state.steps.filter((step) => step.status === status).length;
  const total = state.steps.length;
  if (!state.done) {
    const running = state.steps.findIndex((step) => step.status === 'running');
    return `Running statement ${running + 1} of ${total}…`;
  }
  const parts = [`${count('ok')} ok`];
  if (count('error') > 0) parts.push(`${count('error')} failed`);
  if (count('cancelled') > 0) parts.push('cancelled');
  if (count('skipped') > 0) parts.push(`${count('skipped')} skipped`);
  return `Script of ${total} ${total === 1 ? 'statement' : 'statements'}: ${parts.join(', ')}`;
}

export function ScriptResults({
  state,
  onShowError,
  target,
}: {
  state: ScriptState;
  onShowError?: (() => void) | undefined;
  target: RequestTarget | undefined;
}) {
  // Keyed by the run: a new script follows its own statements again.
  return (
    <ScriptRun key={state.startedAt} state={state} onShowError={onShowError} target={target} />
  );
}

function ScriptRun({
  state,
  onShowError,
  target,
}: {
  state: ScriptState;
  onShowError?: (() => void) | undefined;
  target: RequestTarget | undefined;
}) {
  const [picked, setPicked] = useState<number | null>(null);
  const baseId = useId();
  const listRef = useRef<HTMLDivElement>(null);
  const selected = Math.min(picked ?? followed(state.steps), state.steps.length - 1);
  const step = state.steps[selected]!;
  // Only the first failure with a place is marked in the editor.
  const marked = state.steps.findIndex((s) => s.error?.position !== undefined);

  function onKeyDown(event: KeyboardEvent) {
    const moves: Record<string, number> = { ArrowRight: 1, ArrowLeft: -1 };
    let next: number | null = null;
    if (event.key in moves) {
      next = (selected + moves[event.key]! + state.steps.length) % state.steps.length;
    } else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = state.steps.length - 1;
    if (next === null) return;
    event.preventDefault();
    setPicked(next);
    listRef.current?.querySelectorAll<HTMLButtonElement>('[role="tab"]')[next]?.focus();
  }

  return (
    <div className="space-y-2">
      <p role="status" className="text-sm text-fg">
        <span className="font-medium">{summary(state)}</span>
        {state.elapsedMs !== undefined && (
          <span className="text-muted"> · {formatDuration(state.elapsedMs)}</span>
        )}
      </p>
      <div
        ref={listRef}
        role="tablist"
        aria-label="Statement results"
        className="flex flex-wrap gap-1 border-b border-border"
        onKeyDown={onKeyDown}
      >
        {state.steps.map((s, k) => (
          <button
            key={k}
            type="button"
            role="tab"
            id={`${baseId}-tab-${k}`}
            aria-selected={k === selected}
            aria-controls={`${baseId}-panel`}
            tabIndex={k === selected ? 0 : -1}
            aria-label={`Statement ${k + 1}: ${STATUS_WORDS[s.status]}`}
            title={s.sent.text}
            onClick={() => setPicked(k)}
            className={clsx(
              '-mb-px flex items-center gap-1.5 rounded-t border border-b-0 px-2.5 py-1 text-xs',
              k === selected
                ? 'border-border bg-surface font-medium text-fg'
                : 'border-transparent text-muted hover:bg-raised hover:text-fg',
            )}
          >
            <StatusIcon status={s.status} />
            {k + 1}
            <span className="text-muted">{STATUS_WORDS[s.status]}</span>
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`${baseId}-panel`}
        aria-labelledby={`${baseId}-tab-${selected}`}
        className="space-y-2"
      >
        <StepHeader step={step} />
        <StepBody
          step={step}
          onShowError={selected === marked ? onShowError : undefined}
          target={target}
        />
      </div>
    </div>
  );
}

function StepHeader({ step }: { step: ScriptStepState }) {
  return (
    <p className="flex min-w-0 items-center gap-2 text-xs text-muted">
      <StatusIcon status={step.status} />
      <code className="min-w-0 truncate font-mono text-fg">{step.sent.text}</code>
      {/* A result says its own time. */}
      {step.elapsedMs !== undefined && step.status !== 'ok' && (
        <span className="shrink-0">{formatDuration(step.elapsedMs)}</span>
      )}
    </p>
  );
}

function StepBody({
  step,
  onShowError,
  target,
}: {
  step: ScriptStepState;
  onShowError: (() => void) | undefined;
  target: RequestTarget | undefined;
}) {
  const note = (text: string) => <p className="text-sm text-muted">{text}</p>;
  switch (step.status) {
    case 'pending':
      return note('Waiting for the statements before it.');
    case 'running':
      return note('Running…');
    case 'skipped':
      return note('Not run: the script stopped before this statement.');
    case 'cancelled':
      return note('Cancelled while it ran; nothing after it ran.');
    case 'error':
      return <RunError state={{ error: step.error!, sent: step.sent }} onShowError={onShowError} />;
    case 'ok':
      return (
        <Result
          result={step.result!}
          sent={step.sent}
          params={step.params}
          elapsedMs={step.elapsedMs ?? 0}
          target={target}
        />
      );
  }
}
