import { useMemo } from 'react';
import { errorSpan } from '../lib/error-position';
import type { RunState } from '../state/run-store';
import type { ErrorMarker } from './sql-editor';

/**
 * Where the last run's error goes in the editor: the span PostgreSQL's position points at,
 * while the script is still the one that ran (after an edit the position means nothing).
 */
export function useErrorMarker(runState: RunState, script: string): ErrorMarker | null {
  return useMemo(() => {
    if (runState.status !== 'error' || runState.sent === null) return null;
    const { sent, error } = runState;
    if (error.position === undefined || sent.script !== script) return null;
    const span = errorSpan(sent.script, sent.text, sent.start, error.position);
    return span && { ...span, message: error.message };
  }, [runState, script]);
}
