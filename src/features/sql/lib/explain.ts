import { isWord, significantTokens } from './lexer';

/**
 * Explain and Explain analyze: the statement at the cursor wrapped in `EXPLAIN (FORMAT JSON …)`,
 * and PostgreSQL's JSON plan read into a tree the screen can show.
 */

/** The EXPLAIN to send for `statement`; plain Explain never runs it (no ANALYZE). */
export function explainSql(statement: string, analyze: boolean): string {
  return `EXPLAIN (FORMAT JSON${analyze ? ', ANALYZE, BUFFERS' : ''}) ${statement}`;
}

/** Whether the statement is an EXPLAIN already (wrapping it again would not parse). */
export const isExplain = (statement: string) => isWord(significantTokens(statement)[0], 'explain');

const WRITES = new Set(['insert', 'update', 'delete', 'merge']);
const READS = new Set(['select', 'values', 'table']);

/**
 * Whether running the statement may change data, from its words: anything but a plain query
 * (SELECT without INTO, VALUES, TABLE, WITH without a data-modifying part). A function called
 * from a SELECT may still write: Explain analyze rolls everything back regardless, and only
 * asks first for what visibly writes.
 */
export function writesData(statement: string): boolean {
  const words = significantTokens(statement).filter((token) => token.kind === 'ident');
  const first = words[0]?.text.toLowerCase();
  if (first === undefined) return false;
  if (first === 'with') return words.some((word) => WRITES.has(word.text.toLowerCase()));
  if (READS.has(first)) return words.some((word) => isWord(word, 'into'));
  return true;
}

export interface PlanNode {
  id: string;
  /** `Index Scan`, `Hash Join`, … with its join type or strategy when there is one. */
  type: string;
  relation?: string;
  alias?: string;
  /** The index an Index Scan, Index Only Scan or Bitmap Index Scan reads. */
  index?: string;
  /** Conditions and keys worth reading next to the node, as PostgreSQL prints them. */
  details: { label: string; value: string }[];
  estimatedRows: number;
  /** Rows per loop times loops: what the node produced in all (with ANALYZE). */
  actualRows?: number;
  loops?: number;
  /** The node's total cost (the planner's units), children included. */
  cost: number;
  /** Milliseconds the node ran, children included, over all loops (with ANALYZE). */
  totalMs?: number;
  /** Milliseconds of its own: children's time taken out. */
  selfMs?: number;
  /** Its own share of the whole plan: of the time with ANALYZE, else of the cost. */
  share: number;
  /** The node with the largest own share. */
  mostExpensive: boolean;
  children: PlanNode[];
}

export interface ExplainedPlan {
  root: PlanNode;
  analyzed: boolean;
  planningMs?: number;
  executionMs?: number;
}

type Raw = Record<string, unknown>;

const num = (value: unknown) => (typeof value === 'number' ? value : undefined);
const str = (value: unknown) => (typeof value === 'string' ? value : undefined);
const isObject = (value: unknown): value is Raw =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const DETAIL_KEYS = [
  'Index Cond',
  'Recheck Cond',
  'Filter',
  'Join Filter',
  'Hash Cond',
  'Merge Cond',
  'Sort Key',
  'Group Key',
  'Rows Removed by Filter',
];

function readNode(raw: Raw, id: string): PlanNode {
  const kind = str(raw['Node Type']) ?? 'Unknown';
  const qualifier = str(raw['Join Type']) ?? str(raw['Strategy']) ?? str(raw['Operation']);
  const type =
    qualifier && qualifier !== 'Plain' && !kind.includes(qualifier)
      ? `${kind} (${qualifier})`
      : kind;
  const loops = num(raw['Actual Loops']);
  const perLoopMs = num(raw['Actual Total Time']);
  const perLoopRows = num(raw['Actual Rows']);
  const children = (Array.isArray(raw['Plans']) ? raw['Plans'] : [])
    .filter(isObject)
    .map((child, k) => readNode(child, `${id}.${k}`));
  const details = DETAIL_KEYS.flatMap((label) => {
    const value = raw[label];
    if (value === undefined || value === null || value === 0) return [];
    return [{ label, value: Array.isArray(value) ? value.join(', ') : String(value) }];
  });
  // BUFFERS: the shared buffers found in memory and read from disk, on one line.
  const hit = num(raw['Shared Hit Blocks']);
  const read = num(raw['Shared Read Blocks']);
  if (hit !== undefined || read !== undefined) {
    details.push({ label: 'Buffers', value: `${hit ?? 0} hit, ${read ?? 0} read` });
  }
  const node: PlanNode = {
    id,
    type,
    details,
    estimatedRows: num(raw['Plan Rows']) ?? 0,
    cost: num(raw['Total Cost']) ?? 0,
    share: 0,
    mostExpensive: false,
    children,
  };
  const relation = str(raw['Relation Name']) ?? str(raw['CTE Name']) ?? str(raw['Function Name']);
  if (relation !== undefined) node.relation = relation;
  const alias = str(raw['Alias']);
  if (alias !== undefined && alias !== relation) node.alias = alias;
  const index = str(raw['Index Name']);
  if (index !== undefined) node.index = index;
  if (loops !== undefined && perLoopMs !== undefined) {
    node.loops = loops;
    node.totalMs = perLoopMs * loops;
    node.actualRows = (perLoopRows ?? 0) * loops;
    const childMs = children.reduce((sum, child) => sum + (child.totalMs ?? 0), 0);
    node.selfMs = Math.max(0, node.totalMs - childMs);
  }
  return node;
}

function* walk(node: PlanNode): Generator<PlanNode> {
  yield node;
  for (const child of node.children) yield* walk(child);
}

/**
 * The plan in an EXPLAIN (FORMAT JSON) answer: its one value, as parsed JSON or as text (a
 * server that sends json columns as strings). Null when the value is not a plan.
 */
export function readPlan(value: unknown): ExplainedPlan | null {
  let parsed = value;
  if (typeof parsed === 'string') {
    try {
      parsed = JSON.parse(parsed) as unknown;
    } catch {
      return null;
    }
  }
  const top = Array.isArray(parsed) ? parsed[0] : parsed;
  if (!isObject(top) || !isObject(top['Plan'])) return null;
  const root = readNode(top['Plan'], '0');
  const analyzed = root.totalMs !== undefined;
  const nodes = [...walk(root)];
  const costOf = (node: PlanNode) =>
    node.cost - node.children.reduce((sum, child) => sum + child.cost, 0);
  const own = (node: PlanNode) => (analyzed ? (node.selfMs ?? 0) : Math.max(0, costOf(node)));
  const total = analyzed ? (root.totalMs ?? 0) : root.cost;
  let most: PlanNode | null = null;
  for (const node of nodes) {
    node.share = total > 0 ? Math.min(1, own(node) / total) : 0;
    if (most === null || node.share > most.share) most = node;
  }
  if (most !== null && most.share > 0) most.mostExpensive = true;
  const plan: ExplainedPlan = { root, analyzed };
  const planning = num(top['Planning Time']);
  const execution = num(top['Execution Time']);
  if (planning !== undefined) plan.planningMs = planning;
  if (execution !== undefined) plan.executionMs = execution;
  return plan;
}
