import type { ParamType } from '../lib/parameters';
import type { BatchState, ParamSetting, SqlTab } from '../lib/saved-state';

/** How the parameter inputs change one parameter's setting. */
export interface ParamChange {
  value?: string;
  type?: ParamType;
  /** Go back to the type the SQL suggests. */
  resetType?: true;
}

/**
 * A tab with one parameter's setting changed. `guessed` is the type the SQL suggests for it: a
 * parameter typed for the first time starts there, and going back to it resets the choice.
 */
export function withParamChange(
  tab: SqlTab,
  number: number,
  change: ParamChange,
  guessed: ParamType = 'text',
): SqlTab {
  const previous: ParamSetting = tab.params[number] ?? {
    type: guessed,
    value: '',
    typeChosen: false,
  };
  const next = { ...previous };
  if (change.value !== undefined) next.value = change.value;
  if (change.type !== undefined) {
    next.type = change.type;
    next.typeChosen = true;
  }
  if (change.resetType) {
    next.type = guessed;
    next.typeChosen = false;
  }
  return { ...tab, params: { ...tab.params, [number]: next } };
}

/** A tab with its batch settings changed; new rows replace the note of rows not kept. */
export function withBatchChange(tab: SqlTab, change: Partial<BatchState>): SqlTab {
  const batch = { ...tab.batch, ...change };
  if (change.rows !== undefined) delete batch.notKept;
  return { ...tab, batch };
}
