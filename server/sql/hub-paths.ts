import { parseSync } from 'libpg-query';
import { identifierProblem, organizationIdProblem } from '../../contract/identifier';
import { quoteIdent } from '../db/index';
import { checkStatement } from './guard';
import { SourceText, walk } from './guard-ast';

/**
 * Deeplake's query API names tables by hub path: `SELECT … FROM "hub://<org>/<workspace>/<table>"`
 * (or `"hub://<org>/<table>"`), a quoted identifier where a table name goes. This finds those
 * paths in the parse tree — a table reference (RangeVar) of the statement, never text that only
 * looks like one, in a string literal, a column alias or a comment — and writes the statement
 * again with each replaced by the workspace's own table, spliced at its place in the text.
 *
 * Offsets: libpg-query's locations are byte offsets into the UTF-8 text, and PostgreSQL's error
 * positions are 1-based character (code point) positions. The splice works on the UTF-8 bytes,
 * and `originalPosition` takes a position in the rewritten text back to the caller's own.
 */

export const HUB_PREFIX = 'hub://';

/** What a hub path names. `workspace` is null in the two-part form, `hub://<org>/<table>`. */
export interface HubPath {
  /** The path as written (the identifier's value, quotes undone). */
  text: string;
  org: string;
  workspace: string | null;
  table: string;
}

/** A hub path in a statement: what it names and where its quoted identifier is. */
export interface HubPathRef {
  path: HubPath;
  /** Byte offsets of the quoted identifier in the UTF-8 text: [start, end). */
  start: number;
  end: number;
}

/** A hub path the statement cannot use; `position` (1-based, characters) when it is in the text. */
export class HubPathError extends Error {
  override name = 'HubPathError';
  constructor(
    message: string,
    readonly position?: number,
  ) {
    super(message);
  }
}

export const HUB_PATH_FORM =
  'name tables as "hub://<organization>/<workspace>/<table>" (or "hub://<organization>/<table>")';

const MAX_TABLE_BYTES = 63;
const QUOTE = 0x22;

/** Reads `hub://<org>/<workspace>/<table>` or `hub://<org>/<table>`; throws HubPathError. */
export function parseHubPath(text: string): HubPath {
  if (!text.startsWith(HUB_PREFIX)) {
    throw new HubPathError(`"${text}" is not a hub path: ${HUB_PATH_FORM}`);
  }
  const parts = text.slice(HUB_PREFIX.length).split('/');
  if (parts.length < 2 || parts.length > 3 || parts.some((part) => part === '')) {
    throw new HubPathError(`"${text}" is not a hub path: ${HUB_PATH_FORM}`);
  }
  const [org, ...rest] = parts as [string, ...string[]];
  const orgProblem = organizationIdProblem(org);
  if (orgProblem) throw new HubPathError(`"${text}": organization id "${org}" ${orgProblem}`);
  const workspace = rest.length === 2 ? rest[0]! : null;
  const table = rest[rest.length - 1]!;
  if (workspace !== null) {
    const problem = identifierProblem(workspace);
    if (problem) throw new HubPathError(`"${text}": workspace id "${workspace}" ${problem}`);
  }
  if (Buffer.byteLength(table) > MAX_TABLE_BYTES) {
    throw new HubPathError(
      `"${text}": table name "${table}" is longer than ${MAX_TABLE_BYTES} bytes, which no table's name is`,
    );
  }
  return { text, org, workspace, table };
}

/** The end (exclusive) of the double-quoted identifier starting at byte `start`. */
function quotedIdentifierEnd(bytes: Buffer, start: number): number | null {
  if (bytes[start] !== QUOTE) return null;
  for (let i = start + 1; i < bytes.length; i++) {
    if (bytes[i] !== QUOTE) continue;
    if (bytes[i + 1] === QUOTE) {
      i++; // "" stands for one " inside the identifier
      continue;
    }
    return i + 1;
  }
  return null;
}

const startsWithHub = (value: unknown): value is string =>
  typeof value === 'string' && value.startsWith(HUB_PREFIX);

/**
 * The hub paths among the table references of `tree`, the parse tree of `sql`, in text order.
 * The identifier is read from the text: PostgreSQL's parser cuts names at 63 bytes, and hub
 * paths are often longer. Throws HubPathError for one the statement cannot use.
 */
export function findHubPaths(sql: string, tree: unknown): HubPathRef[] {
  const source = new SourceText(sql);
  const bytes = Buffer.from(sql, 'utf8');
  const refs: HubPathRef[] = [];
  walk(tree, (_key, node) => {
    // Table references (RangeVar) are the only nodes with a relname, wrapped or not.
    if (typeof node.relname !== 'string') return;
    const at = typeof node.location === 'number' && node.location >= 0 ? node.location : undefined;
    const position = source.positionOfByte(at);
    if (startsWithHub(node.schemaname) || startsWithHub(node.catalogname)) {
      throw new HubPathError(
        `A hub path is one quoted identifier, the whole table name: ${HUB_PATH_FORM}`,
        position,
      );
    }
    if (!startsWithHub(node.relname)) return;
    if (node.schemaname !== undefined || node.catalogname !== undefined) {
      throw new HubPathError(
        `A hub path names the table by itself: write it without a schema before it (${HUB_PATH_FORM})`,
        position,
      );
    }
    const end = at === undefined ? null : quotedIdentifierEnd(bytes, at);
    if (at === undefined || end === null) {
      throw new HubPathError(
        `Write the hub path as a plain double-quoted identifier: ${HUB_PATH_FORM}`,
        position,
      );
    }
    const text = bytes
      .subarray(at + 1, end - 1)
      .toString('utf8')
      .replaceAll('""', '"');
    let path: HubPath;
    try {
      path = parseHubPath(text);
    } catch (error) {
      if (error instanceof HubPathError) throw new HubPathError(error.message, position);
      throw error;
    }
    refs.push({ path, start: at, end });
  });
  return refs.sort((a, b) => a.start - b.start);
}

/**
 * The hub paths of a statement, after the statement guard's check of the caller's own text (its
 * errors — syntax, several statements, a refused statement — are the query endpoint's, with
 * positions in that text). Throws those errors, or HubPathError.
 */
export function locateHubPaths(sql: string): HubPathRef[] {
  const checked = checkStatement(sql);
  // The guard may have written the statement again (CREATE INDEX … USING deeplake_index): the
  // locations needed are those of the caller's text.
  const tree = checked.rewritten ? parseSync(sql).stmts?.[0]?.stmt : checked.ast;
  return findHubPaths(sql, tree);
}

/** The SQL name of a workspace's table: schema-qualified, as the workspace's search path has it. */
export const workspaceTable = (workspaceId: string, table: string) =>
  `${quoteIdent(workspaceId)}.${quoteIdent(table)}`;

/** A statement with its hub paths replaced. */
export interface HubRewrite {
  text: string;
  /** A 1-based character position in `text` as a position in the caller's text. */
  originalPosition(position: number): number;
}

/** Byte offset of the character at 1-based `position` (the end when past it). */
function byteOfPosition(bytes: Buffer, position: number): number {
  let characters = 0;
  for (let i = 0; i < bytes.length; i++) {
    if ((bytes[i]! & 0xc0) === 0x80) continue;
    characters++;
    if (characters === position) return i;
  }
  return bytes.length;
}

/** Replaces each of `refs` (from findHubPaths on `sql`) with `replacement(ref)`. */
export function spliceHubPaths(
  sql: string,
  refs: readonly HubPathRef[],
  replacement: (ref: HubPathRef) => string,
): HubRewrite {
  const original = Buffer.from(sql, 'utf8');
  const pieces: Buffer[] = [];
  // Where each replaced span is, before and after: [originalStart, originalEnd, newStart, newEnd].
  const spans: [number, number, number, number][] = [];
  let from = 0;
  let length = 0;
  for (const ref of [...refs].sort((a, b) => a.start - b.start)) {
    const before = original.subarray(from, ref.start);
    const replaced = Buffer.from(replacement(ref), 'utf8');
    pieces.push(before, replaced);
    length += before.length;
    spans.push([ref.start, ref.end, length, length + replaced.length]);
    length += replaced.length;
    from = ref.end;
  }
  pieces.push(original.subarray(from));
  const rewritten = Buffer.concat(pieces);
  const source = new SourceText(sql);
  return {
    text: rewritten.toString('utf8'),
    originalPosition(position) {
      const at = byteOfPosition(rewritten, position);
      let shift = 0;
      for (const [originalStart, originalEnd, newStart, newEnd] of spans) {
        if (at < newStart) break;
        // Inside a replaced table name: the hub path it stands for.
        if (at < newEnd) return source.positionOfByte(originalStart)!;
        shift = originalEnd - newEnd;
      }
      return source.positionOfByte(Math.min(at + shift, original.length))!;
    },
  };
}
