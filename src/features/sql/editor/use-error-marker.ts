import { useMemo } from 'react';
import type { SqlErrorInfo } from '../api/sql-error-info';
import { errorSpan } from '../lib/error-position';
import type { SentText } from '../lib/prepare-run';
import type { RunState } from '../state/run-store';
import type { ErrorMarker } from './sql-editor';

/** The failed text of the last run and its error: the run's own, or a script's first failure. */
export function failedText(runState: RunState): { sent: SentText; error: SqlErrorInfo } | null {
  if (runState.status === 'error') {
    return runState.sent === null ? null : { sent: runState.sent, error: runState.error };
  }
  if (runState.status === 'script') {
    const step = runState.steps.find((candidate) => candidate.error?.position !== undefined);
    return step ? { sent: step.sent, error: step.error! } : null;
  }
  return null;
}

/**
 * Where the last run's error goes in the editor: the span PostgreSQL's position points at,
 * while the script is still the one that ran (after an edit the position means nothing). A
 * script's statement carries its offset in the whole text, so its position lands in place.
 */
export function useErrorMarker(runState: RunState, script: string): ErrorMarker | null {
  return useMemo(() => {
    const failed = failedText(runState);
    if (failed === null) return null;
    const { sent, error } = failed;
    if (error.position === undefined || sent.script !== script) return null;
    const span = errorSpan(sent.script, sent.text, sent.start, error.position);
    // An error in text the console added (the EXPLAIN around a statement) has no place.
    return span && span.start >= 0 ? { ...span, message: error.message } : null;
  }, [runState, script]);
}
