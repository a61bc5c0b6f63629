import clsx from 'clsx';
import { Flame, RotateCcw, TriangleAlert } from 'lucide-react';
import { Badge } from '../../../components/ui/badge';
import type { PlanNode } from '../lib/explain';
import { formatDuration } from '../lib/result-summary';
import type { RunState } from '../state/run-store';

/**
 * A plan from Explain or Explain analyze as a tree: each node's type, relation and index, rows
 * estimated (and actual), time, and its own share of the whole, the most expensive one marked.
 */

type ExplainState = Extract<RunState, { status: 'explain' }>;

const n = (value: number) => Math.round(value).toLocaleString();
const ms = (value: number) => (value < 10 ? `${value.toFixed(2)} ms` : formatDuration(value));

export function PlanView({ state }: { state: ExplainState }) {
  const { plan, analyze, rolledBack } = state;
  const timing = [
    plan.planningMs !== undefined && `planning ${ms(plan.planningMs)}`,
    plan.executionMs !== undefined && `execution ${ms(plan.executionMs)}`,
    `${formatDuration(state.elapsedMs)} in all`,
  ].filter(Boolean);
  return (
    <div className="space-y-2">
      <p role="status" className="text-sm text-fg">
        <span className="font-medium">{analyze ? 'Plan, as it ran' : 'Plan (estimated)'}</span>
        <span className="text-muted"> · {timing.join(' · ')}</span>
      </p>
      {analyze &&
        (rolledBack ? (
          <p className="flex items-center gap-2 text-xs text-muted">
            <RotateCcw aria-hidden className="size-3.5 shrink-0" />
            The statement ran inside a transaction that was rolled back: nothing it changed was
            kept.
          </p>
        ) : (
          <p className="flex items-start gap-2 rounded border border-warning/40 bg-warning/10 px-3 py-2 text-sm text-fg">
            <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0 text-warning" />
            The server did not say it rolled the statement back: what it changed may have been kept.
          </p>
        ))}
      <ul aria-label="Query plan" className="rounded-lg border border-border bg-surface p-2">
        <PlanItem node={plan.root} analyzed={plan.analyzed} />
      </ul>
    </div>
  );
}

function PlanItem({ node, analyzed }: { node: PlanNode; analyzed: boolean }) {
  const percent = Math.round(node.share * 100);
  return (
    <li aria-label={node.type}>
      <div
        className={clsx(
          'space-y-0.5 rounded px-2 py-1.5 text-sm',
          node.mostExpensive && 'bg-warning/10 ring-1 ring-warning/40',
        )}
      >
        <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
          <span className="font-medium text-fg">{node.type}</span>
          {node.relation !== undefined && (
            <span className="text-fg">
              on <code className="font-mono">{node.relation}</code>
              {node.alias !== undefined && <span className="text-muted"> as {node.alias}</span>}
            </span>
          )}
          {node.index !== undefined && (
            <Badge tone="accent">
              using index&nbsp;<code className="font-mono">{node.index}</code>
            </Badge>
          )}
          {node.mostExpensive && (
            <Badge tone="warning">
              <Flame aria-hidden className="mr-1 size-3" />
              most expensive
            </Badge>
          )}
          <span className="ml-auto flex items-center gap-2 text-xs text-muted">
            <span
              aria-hidden
              className="inline-block h-1.5 w-16 overflow-hidden rounded-full bg-raised"
            >
              <span
                className={clsx(
                  'block h-full rounded-full',
                  node.mostExpensive ? 'bg-warning' : 'bg-accent',
                )}
                style={{ width: `${percent}%` }}
              />
            </span>
            <span className="w-20 tabular-nums">
              {percent}% of {analyzed ? 'time' : 'cost'}
            </span>
          </span>
        </div>
        <p className="text-xs text-muted">
          {[
            `${n(node.estimatedRows)} ${node.estimatedRows === 1 ? 'row' : 'rows'} estimated`,
            node.actualRows !== undefined &&
              `${n(node.actualRows)} actual${node.loops !== undefined && node.loops > 1 ? ` (${n(node.loops)} loops)` : ''}`,
            node.totalMs !== undefined &&
              `${ms(node.totalMs)}${node.children.length > 0 && node.selfMs !== undefined ? ` (own ${ms(node.selfMs)})` : ''}`,
            `cost ${node.cost.toFixed(2)}`,
          ]
            .filter(Boolean)
            .join(' · ')}
        </p>
        {node.details.map((detail) => (
          <p key={detail.label} className="truncate font-mono text-xs text-muted">
            {detail.label}: {detail.value}
          </p>
        ))}
      </div>
      {node.children.length > 0 && (
        <ul className="ml-4 border-l border-border pl-2">
          {node.children.map((child) => (
            <PlanItem key={child.id} node={child} analyzed={analyzed} />
          ))}
        </ul>
      )}
    </li>
  );
}
