import { quoteName } from './completion';
import { identifierName, isTrivia, tokenize, type Token } from './lexer';
import { NOT_TABLE_ALIAS as NOT_ALIAS, RESERVED_WORDS as RESERVED } from './sql-words';

/**
 * A statement as Deeplake's query API (v3, `POST /api/query/v1`) wants it: that API has no
 * workspace in its address, and finds it from the tables, named by hub path,
 * `"hub://<org>/<workspace>/<table>"`. This names the workspace's tables so, from the tokens:
 * a name after FROM, JOIN, UPDATE, INSERT INTO, MERGE INTO or a leading TABLE, bare or qualified
 * by the workspace's own schema. Names in strings, comments, function calls (`EXTRACT(… FROM …)`)
 * or `IS DISTINCT FROM`, other schemas and WITH queries are left alone. A table that had no
 * alias gets its own name as one, so `t.col` elsewhere in the statement still means it.
 *
 * Best effort, from tokens rather than a parse tree (the server's parser has the last word),
 * and it says when it found nothing to name.
 */

export type HubPathQuery = { query: string } | { problem: string };

/** Words that start a query inside parentheses: FROM in there names tables. */
const QUERY_STARTS = new Set(['select', 'with', 'values', 'table']);

const word = (token: Token | undefined) =>
  token?.kind === 'ident' ? token.text.toLowerCase() : null;

/** The hub path of a table as a quoted identifier. */
export function hubPathIdentifier(orgId: string, workspaceId: string, table: string): string {
  return `"${`hub://${orgId}/${workspaceId}/${table}`.replace(/"/g, '""')}"`;
}

/** Names of WITH queries: `name AS (`, `name AS [NOT] MATERIALIZED (`, `name (a, b) AS (`. */
function withNames(words: readonly Token[]): Set<string> {
  const names = new Set<string>();
  for (let k = 0; k < words.length; k++) {
    const name = identifierName(words[k]);
    if (name === null) continue;
    let j = k + 1;
    if (words[j]?.text === '(') {
      j++;
      while (words[j] && words[j]!.text !== ')') {
        if (identifierName(words[j]) === null && words[j]!.text !== ',') break;
        j++;
      }
      if (words[j]?.text !== ')') continue;
      j++;
    }
    if (word(words[j]) !== 'as') continue;
    j++;
    if (word(words[j]) === 'not') j++;
    if (word(words[j]) === 'materialized') j++;
    if (words[j]?.text === '(') names.add(name);
  }
  return names;
}

interface Splice {
  start: number;
  end: number;
  text: string;
}

/** `sql` with the workspace's tables named by hub path, or why that cannot be. */
export function toHubPathQuery(sql: string, orgId: string, workspaceId: string): HubPathQuery {
  const words = tokenize(sql).filter((token) => !isTrivia(token));
  // Already written for the v3 API: nothing to do.
  if (words.some((t) => t.kind === 'quoted-ident' && identifierName(t)!.startsWith('hub://'))) {
    return { query: sql };
  }
  const ctes = withNames(words);
  // For each open parenthesis, whether it holds a query (its FROM names tables).
  const frames: boolean[] = [true];
  const splices: Splice[] = [];
  let unnamable: string | null = null;

  for (let k = 0; k < words.length; k++) {
    const token = words[k]!;
    if (token.text === '(') {
      frames.push(QUERY_STARTS.has(word(words[k + 1]) ?? ''));
      continue;
    }
    if (token.text === ')') {
      if (frames.length > 1) frames.pop();
      continue;
    }
    if (token.text === ';') {
      frames.length = 1;
      continue;
    }
    const introducer = word(token);
    if (introducer === null) continue;
    const before = word(words[k - 1]);
    const inQuery = frames[frames.length - 1]!;
    let names: boolean;
    switch (introducer) {
      case 'from':
        // `IS [NOT] DISTINCT FROM` compares; `EXTRACT(x FROM y)` is in a call's parentheses.
        names = inQuery && before !== 'distinct';
        break;
      case 'join':
        names = inQuery;
        break;
      case 'update':
        // `FOR [NO KEY] UPDATE` locks and `DO UPDATE` resolves a conflict.
        names = before === null || (before !== 'for' && before !== 'key' && before !== 'do');
        break;
      case 'into':
        names = before === 'insert' || before === 'merge';
        break;
      case 'table':
        // `TABLE t` as a query; not `CREATE TABLE`, `DROP TABLE` or `TRUNCATE TABLE`.
        names = k === 0 || words[k - 1]!.text === '(' || words[k - 1]!.text === ';';
        break;
      default:
        names = false;
    }
    if (!names) continue;

    // FROM a, b JOIN c: a comma continues the list.
    let j = k + 1;
    for (;;) {
      if (word(words[j]) === 'only') j++;
      const first = words[j];
      const firstName = identifierName(first);
      if (firstName === null || (first!.kind === 'ident' && RESERVED.has(firstName))) break;
      const start = first!.start;
      let end = first!.end;
      let schema: string | null = null;
      let table = firstName;
      j++;
      if (words[j]?.text === '.' && identifierName(words[j + 1]) !== null) {
        schema = table;
        table = identifierName(words[j + 1])!;
        end = words[j + 1]!.end;
        j += 2;
        // A third part (database.schema.table) is no table of the workspace.
        if (words[j]?.text === '.') break;
      }
      // `FROM f(…)` calls a function; `INTO t (a, b)` lists the table's columns.
      if (words[j]?.text === '(' && introducer !== 'into') break;
      let aliased = false;
      if (word(words[j]) === 'as') {
        aliased = true;
        j++;
      }
      const next = words[j];
      if (
        next !== undefined &&
        (next.kind === 'quoted-ident' ||
          (next.kind === 'ident' && !NOT_ALIAS.has(next.text.toLowerCase())))
      ) {
        aliased = true;
        j++;
      }
      const ours = schema === null ? !ctes.has(table) : schema === workspaceId;
      if (ours) {
        if (table.includes('/')) {
          unnamable = `The table "${table}" has a "/" in its name, which a hub path cannot hold.`;
        } else {
          const alias = aliased || introducer === 'table' ? '' : ` AS ${quoteName(table)}`;
          splices.push({
            start,
            end,
            text: `${hubPathIdentifier(orgId, workspaceId, table)}${alias}`,
          });
        }
      }
      if (words[j]?.text !== ',') break;
      j++;
    }
  }

  if (unnamable !== null) return { problem: unnamable };
  if (splices.length === 0) {
    return {
      problem:
        'The v3 API finds the workspace from a table named by hub path, and this statement names no table of this workspace.',
    };
  }
  let query = '';
  let at = 0;
  for (const splice of splices) {
    query += sql.slice(at, splice.start) + splice.text;
    at = splice.end;
  }
  return { query: query + sql.slice(at) };
}
