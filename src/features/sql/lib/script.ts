import { destructiveReasons } from './destructive';
import { prepareRun, type RunPlan, type RunProblem } from './prepare-run';
import type { SqlTab } from './saved-state';
import { splitStatements, type TextRange } from './statements';

/**
 * What Run script does before anything is sent: the editor's text (or the selection, when it
 * holds a statement) split into statements with the project's lexer, each planned as Run would
 * plan it alone. One request per statement, in order.
 *
 * Parameters: the tab's `$1 … $n` inputs belong to the whole script, and each statement gets
 * `$1 … $max` of its own highest one (the server wants exactly as many values as the statement
 * takes), so `$1` means the same value in every statement that uses it.
 */

export interface ScriptStep {
  /** The statement's plan, with `sent.start` its offset in the whole editor text. */
  plan: RunPlan;
}

export interface ScriptPlan {
  /** The text the statements came from (the whole editor text or the selection), for history. */
  text: string;
  steps: ScriptStep[];
  /** "Statement 2: DROP TABLE t deletes …", one per destructive part, to confirm once. */
  destructive: string[];
}

export type PreparedScript = { plan: ScriptPlan } | { problem: RunProblem };

export function prepareScript(
  tab: Pick<SqlTab, 'params' | 'batch'>,
  text: string,
  selection: TextRange,
): PreparedScript {
  if (tab.batch.enabled) {
    return {
      problem: {
        message:
          'Run script runs each statement once; batch mode runs one statement over many rows. Switch batch mode off to run the script.',
      },
    };
  }
  const from = Math.max(0, Math.min(selection.start, selection.end));
  const to = Math.min(text.length, Math.max(selection.start, selection.end));
  // A selection with a statement in it is the script; otherwise the whole text is.
  let offset = 0;
  let statements = to > from ? splitStatements(text.slice(from, to)) : [];
  if (statements.length > 0) offset = from;
  else statements = splitStatements(text);
  if (statements.length === 0) {
    return { problem: { message: 'There is no statement to run: write one in the editor.' } };
  }

  const steps: ScriptStep[] = [];
  const destructive: string[] = [];
  for (const [k, statement] of statements.entries()) {
    const range = { start: offset + statement.start, end: offset + statement.end };
    const prepared = prepareRun(tab, text, range);
    if ('problem' in prepared) {
      return { problem: { message: `Statement ${k + 1}: ${prepared.problem.message}` } };
    }
    steps.push({ plan: prepared.plan });
    for (const reason of destructiveReasons(statement.text)) {
      destructive.push(`Statement ${k + 1}: ${reason}`);
    }
  }
  const first = steps[0]!.plan.sent.start;
  const last = steps[steps.length - 1]!.plan.sent;
  return {
    plan: { text: text.slice(first, last.start + last.text.length), steps, destructive },
  };
}
