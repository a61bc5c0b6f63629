import { batchValues, filledRows, type CellError } from './batch';
import { destructiveReason } from './destructive';
import { paramFields } from './param-fields';
import { toParamValue } from './param-values';
import { findParameters } from './parameters';
import { snapshotParams, type ParamSnapshot, type SqlTab } from './saved-state';
import { runTarget, type TextRange } from './statements';

/**
 * What Run does before anything is sent, as one pure step: from a tab's settings, the editor's
 * text and its selection, either a plan the runner can send as it is, or the problem that stops
 * the run (shown above the result, which stays as it was).
 */

/** The text that was sent and where it sits in the script, to place error markers. */
export interface SentText {
  text: string;
  /** Offset of `text` in the script. */
  start: number;
  /** The whole script when it ran: a marker only makes sense on that same text. */
  script: string;
}

export type RunMode =
  | { kind: 'query'; params: unknown[] }
  | {
      kind: 'batch';
      rows: unknown[][];
      /** The grid's text, kept in the history to open the batch again. */
      rawRows: string[][];
      emptyIsNull: boolean;
    };

export interface RunPlan {
  sent: SentText;
  mode: RunMode;
  /** The parameter inputs as they were, for the history. */
  params: ParamSnapshot[];
  /** Why the statement must be confirmed first (it drops or deletes), or null. */
  destructive: string | null;
}

export interface RunProblem {
  message: string;
  /** The batch grid's cell at fault, to mark it. */
  cell?: CellError;
}

export type PreparedRun = { plan: RunPlan } | { problem: RunProblem };

const problem = (message: string, cell?: CellError): PreparedRun => ({
  problem: cell ? { message, cell } : { message },
});

/** Plans the run of the statement at `selection` of `text`, with `tab`'s parameters or batch rows. */
export function prepareRun(
  tab: Pick<SqlTab, 'params' | 'batch'>,
  text: string,
  selection: TextRange,
): PreparedRun {
  const picked = runTarget(text, selection);
  if (picked === null) return problem('There is no statement to run: write one in the editor.');
  if (picked.statementCount > 1) {
    return problem(
      `The selection holds ${picked.statementCount} statements, and the API runs one at a time. Select one of them, or put the cursor in it and run without a selection.`,
    );
  }
  const scan = findParameters(picked.text);
  if (scan.invalid.length > 0) {
    return problem(`${scan.invalid.join(', ')}: parameters are numbered from $1 to $65535.`);
  }
  // Types as the inputs show them (guessed from the whole script), for $1 … $max of this one.
  const fields = paramFields(findParameters(text), tab.params).slice(0, scan.max);
  const types = fields.map((field) => field.type);
  let mode: RunMode;
  if (tab.batch.enabled) {
    if (scan.max === 0) {
      return problem(
        'Batch mode runs a statement with parameters ($1, $2 …) once per row, and this one has none. Switch batch mode off to run it once.',
      );
    }
    const rawRows = filledRows(tab.batch.rows).map((row) => row.slice(0, scan.max));
    if (rawRows.length === 0)
      return problem('Add at least one row of parameters to run the batch.');
    const values = batchValues(rawRows, types, tab.batch.emptyIsNull);
    if ('error' in values) {
      const { row, param, message } = values.error;
      return problem(`Row ${row + 1}, $${param}: ${message}`, values.error);
    }
    mode = { kind: 'batch', rows: values.rows, rawRows, emptyIsNull: tab.batch.emptyIsNull };
  } else {
    const params: unknown[] = [];
    for (const field of fields) {
      const converted =
        field.type === 'null' ? { value: null } : toParamValue(field.value, field.type);
      if ('error' in converted) return problem(`$${field.number}: ${converted.error}`);
      params.push(converted.value);
    }
    mode = { kind: 'query', params };
  }
  return {
    plan: {
      sent: { text: picked.text, start: picked.start, script: text },
      mode,
      params: snapshotParams(
        tab.params,
        fields.map((field) => field.number),
      ).map((snapshot, k) => ({ ...snapshot, type: types[k]! })),
      destructive: destructiveReason(picked.text),
    },
  };
}
