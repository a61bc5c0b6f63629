import { useState } from 'react';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { isExplain, writesData } from '../lib/explain';
import { prepareRun, type RunPlan, type RunProblem } from '../lib/prepare-run';
import type { SqlTab } from '../lib/saved-state';
import { prepareScript, type ScriptPlan } from '../lib/script';
import type { TextRange } from '../lib/statements';
import type { useSqlRunner } from '../state/sql-runner';

/**
 * Run, Run script, Explain and Explain analyze for the playground: each plans from the
 * editor's text and selection, asks first where it must (a destructive statement; a script's
 * destructive statements, once; an Explain analyze of a statement that writes), and hands the
 * plan to the runner.
 */

type Runner = ReturnType<typeof useSqlRunner>;

type Pending =
  | { kind: 'statement'; tabId: string; plan: RunPlan }
  | { kind: 'script'; tabId: string; plan: ScriptPlan; continueOnError: boolean }
  | { kind: 'analyze'; tabId: string; plan: RunPlan };

export function useRunActions(runner: Runner, setProblem: (problem: RunProblem | null) => void) {
  const [continueOnError, setContinueOnError] = useState(false);
  const [pending, setPending] = useState<Pending | null>(null);

  /** Runs the statement at `selection` of `text` with `tab`'s parameters (or its batch rows). */
  function run(tab: SqlTab, text: string, selection: TextRange) {
    const prepared = prepareRun(tab, text, selection);
    if ('problem' in prepared) {
      setProblem(prepared.problem);
      return;
    }
    setProblem(null);
    if (prepared.plan.destructive !== null) {
      setPending({ kind: 'statement', tabId: tab.id, plan: prepared.plan });
    } else {
      runner.start(tab.id, prepared.plan);
    }
  }

  function runScript(tab: SqlTab, text: string, selection: TextRange) {
    const prepared = prepareScript(tab, text, selection);
    if ('problem' in prepared) {
      setProblem(prepared.problem);
      return;
    }
    setProblem(null);
    const { plan } = prepared;
    if (plan.destructive.length > 0) {
      setPending({ kind: 'script', tabId: tab.id, plan, continueOnError });
    } else {
      runner.startScript(tab.id, plan, continueOnError);
    }
  }

  function explain(tab: SqlTab, text: string, selection: TextRange, analyze: boolean) {
    // The plan of one statement, run as Run would run it (its parameters bound), never batched.
    const prepared = prepareRun(
      { ...tab, batch: { ...tab.batch, enabled: false } },
      text,
      selection,
    );
    if ('problem' in prepared) {
      setProblem(prepared.problem);
      return;
    }
    if (isExplain(prepared.plan.sent.text)) {
      setProblem({ message: 'That statement is an EXPLAIN already: run it with Run.' });
      return;
    }
    setProblem(null);
    if (analyze && writesData(prepared.plan.sent.text)) {
      setPending({ kind: 'analyze', tabId: tab.id, plan: prepared.plan });
    } else {
      runner.explain(tab.id, prepared.plan, analyze);
    }
  }

  function confirmed() {
    if (pending?.kind === 'statement') {
      runner.start(pending.tabId, pending.plan);
    } else if (pending?.kind === 'script') {
      runner.startScript(pending.tabId, pending.plan, pending.continueOnError);
    } else if (pending?.kind === 'analyze') {
      runner.explain(pending.tabId, pending.plan, true, true);
    }
    setPending(null);
  }

  const dialog = (
    <ConfirmDialog
      open={pending !== null}
      onOpenChange={(open) => !open && setPending(null)}
      {...(pending === null ? { ...TEXTS.statement, description: null } : texts(pending))}
      onConfirm={confirmed}
    />
  );

  return { continueOnError, setContinueOnError, run, runScript, explain, dialog };
}

const TEXTS = {
  statement: {
    title: 'Run a destructive statement?',
    confirmLabel: 'Run it',
    tone: 'danger' as const,
  },
  script: {
    title: 'Run a script with destructive statements?',
    confirmLabel: 'Run script',
    tone: 'danger' as const,
  },
  analyze: {
    title: 'Run the statement to measure it?',
    confirmLabel: 'Explain analyze',
    tone: 'primary' as const,
  },
};

/** What the confirmation says for what waits on it. */
function texts(pending: Pending) {
  switch (pending.kind) {
    case 'statement':
      return {
        ...TEXTS.statement,
        description: (
          <>
            <p>{pending.plan.destructive}.</p>
            <p>This cannot be undone.</p>
          </>
        ),
      };
    case 'script':
      return {
        ...TEXTS.script,
        description: (
          <>
            <ul className="list-disc space-y-1 pl-5">
              {pending.plan.destructive.map((reason, k) => (
                <li key={k}>{reason}.</li>
              ))}
            </ul>
            <p>This cannot be undone.</p>
          </>
        ),
      };
    case 'analyze':
      return {
        ...TEXTS.analyze,
        description: (
          <>
            <p>
              Explain analyze runs the statement to time it. It runs inside a transaction that the
              server rolls back, so the rows stay as they are.
            </p>
            {pending.plan.destructive !== null && <p>{pending.plan.destructive}.</p>}
          </>
        ),
      };
  }
}
