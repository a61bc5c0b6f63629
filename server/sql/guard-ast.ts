import type { Node } from 'libpg-query';

/** A parse-tree object seen without its static type: node bodies, RangeVars, lists. */
export type AstObject = Record<string, unknown>;

export function isObject(value: unknown): value is AstObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `{ SelectStmt: {...} }` → `['SelectStmt', {...}]`. */
export function unwrap(node: unknown): [string, AstObject] {
  if (isObject(node)) {
    const keys = Object.keys(node);
    const body = keys.length === 1 ? node[keys[0]!] : undefined;
    if (isObject(body)) return [keys[0]!, body];
  }
  throw new TypeError('not a parse-tree node');
}

export function asNode(kind: string, body: AstObject): Node {
  return { [kind]: body } as unknown as Node;
}

/** The `sval`s of a list of String nodes (qualified names, column aliases). */
export function names(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  return list.map((item) => {
    const value = isObject(item) && isObject(item.String) ? item.String.sval : undefined;
    return typeof value === 'string' ? value : '';
  });
}

export function location(body: AstObject | undefined): number | undefined {
  const value = body?.location;
  return typeof value === 'number' && value >= 0 ? value : undefined;
}

/**
 * Calls `visit` for every object in the tree with the key it hangs under (the node type for a
 * wrapped node such as `FuncCall`, the field name otherwise) and the location of the nearest
 * enclosing object that has one. Iterative: the parser accepts nesting deep enough to overflow
 * the JavaScript stack of a recursive walk.
 */
export function walk(
  root: unknown,
  visit: (key: string, body: AstObject, near: number | undefined) => void,
): void {
  const stack: [string, unknown, number | undefined][] = [['', root, undefined]];
  while (stack.length > 0) {
    const [key, value, near] = stack.pop()!;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push([key, value[i], near]);
      continue;
    }
    if (!isObject(value)) continue;
    const here = location(value) ?? near;
    if (key !== '') visit(key, value, here);
    const entries = Object.entries(value);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [childKey, child] = entries[i]!;
      if (typeof child === 'object' && child !== null) stack.push([childKey, child, here]);
    }
  }
}

/**
 * Converts libpg-query's offsets into PostgreSQL's `position`. Node locations and statement
 * starts are 0-based BYTE offsets into the UTF-8 text; the cursor position of a syntax error is
 * a 0-based CHARACTER offset (the parser counts characters there, as PostgreSQL does).
 */
export class SourceText {
  private bytes: Buffer | undefined;

  constructor(readonly text: string) {}

  /** 1-based character position of a 0-based byte offset. */
  positionOfByte(offset: number | undefined): number | undefined {
    if (offset === undefined || offset < 0) return undefined;
    this.bytes ??= Buffer.from(this.text, 'utf8');
    if (this.bytes.length === this.text.length) return offset + 1; // ASCII
    let characters = 0;
    for (let i = 0; i < offset && i < this.bytes.length; i++) {
      // Count every byte that starts a character (all but UTF-8 continuation bytes).
      if ((this.bytes[i]! & 0xc0) !== 0x80) characters++;
    }
    return characters + 1;
  }
}

// Offsets into the text, which any rewrite moves.
const POSITION_KEYS = new Set([
  'location',
  'stmt_location',
  'stmt_len',
  'list_start',
  'list_end',
  'rexpr_list_start',
  'rexpr_list_end',
  'name_location',
]);

/**
 * Whether two parse trees are the same statement, positions aside. The deparser has lossy
 * corners (it prints `"char"[]` as `"char"`), so rewritten SQL is parsed again and compared.
 */
export function sameTree(a: unknown, b: unknown): boolean {
  const withoutPositions = (key: string, value: unknown) =>
    POSITION_KEYS.has(key) ? undefined : value;
  return JSON.stringify(a, withoutPositions) === JSON.stringify(b, withoutPositions);
}
