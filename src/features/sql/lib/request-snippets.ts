/**
 * A statement that ran, as a request to paste into a terminal or a script: curl or Python
 * `requests`, to the query endpoint (`POST {api}/workspaces/{ws}/tables/query {query, params}`)
 * or to Deeplake's query API (`POST {api}/query/v1 {query, as_list}`). The token is never in
 * them: they read it from `DEEPLAKE_API_TOKEN`, the variable the API tokens page sets up.
 */

/** The environment variable the snippets read the token from, as the tokens page names it. */
export const TOKEN_VARIABLE = 'DEEPLAKE_API_TOKEN';

/** The organization header as Deeplake's clients spell it (HTTP header names ignore case). */
export const ORG_HEADER_NAME = 'X-Activeloop-Org-Id';

export interface ApiRequest {
  url: string;
  /** Headers besides Authorization (which always reads the token from the environment). */
  headers: readonly (readonly [string, string])[];
  /** Sent as JSON; its `query` is the SQL text. */
  body: { query: string } & Record<string, unknown>;
}

/**
 * The API's absolute address as a script outside the browser must call it: the console's
 * base URL (`/api`, or another API's URL) resolved against the page's address.
 */
export function absoluteApiUrl(baseUrl: string, pageUrl: string): string {
  return new URL(baseUrl, pageUrl).href.replace(/\/+$/, '');
}

/** The query endpoint's request: the statement with its `$n` parameters as sent. */
export function queryEndpointRequest({
  apiUrl,
  orgId,
  workspaceId,
  query,
  params,
}: {
  apiUrl: string;
  orgId: string;
  workspaceId: string;
  query: string;
  params: readonly unknown[];
}): ApiRequest {
  return {
    url: `${apiUrl}/workspaces/${encodeURIComponent(workspaceId)}/tables/query`,
    headers: [
      [ORG_HEADER_NAME, orgId],
      ['Content-Type', 'application/json'],
    ],
    body: { query, params: [...params] },
  };
}

/** Deeplake's query API (v3): tables named by hub path, no parameters. */
export function v3QueryRequest({
  apiUrl,
  query,
  asList,
}: {
  apiUrl: string;
  query: string;
  asList: boolean;
}): ApiRequest {
  return {
    url: `${apiUrl}/query/v1`,
    headers: [['Content-Type', 'application/json']],
    body: { query, as_list: asList },
  };
}

/** A shell word in single quotes: nothing inside is expanded. */
export const shellQuote = (value: string) => `'${value.replaceAll("'", `'\\''`)}'`;

/**
 * A curl command. The body is compact JSON in single quotes: JSON escapes every control
 * character (line breaks included), so the command is one logical line whatever the SQL holds.
 */
export function curlSnippet(request: ApiRequest): string {
  return [
    `curl -sS -X POST ${shellQuote(request.url)}`,
    `  -H "Authorization: Bearer $${TOKEN_VARIABLE}"`,
    ...request.headers.map(([name, value]) => `  -H ${shellQuote(`${name}: ${value}`)}`),
    `  --data-binary ${shellQuote(JSON.stringify(request.body))}`,
  ].join(' \\\n');
}

/**
 * A Python string literal. JSON's string escapes (`\"`, `\\`, `\n`, `\uXXXX` …) all mean the
 * same in a Python literal, and JSON escapes every control character.
 */
export const pythonString = (value: string) => JSON.stringify(value);

/** A JSON value as a Python literal (None, True, False, numbers, strings, lists, dicts). */
export function pythonLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'string') return pythonString(value);
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : 'None';
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return `[${value.map(pythonLiteral).join(', ')}]`;
  if (typeof value === 'object') {
    // As JSON.stringify sends it: a Date as its ISO text, undefined members left out.
    const json = (value as { toJSON?: () => unknown }).toJSON;
    if (typeof json === 'function') return pythonLiteral(json.call(value));
    const entries = Object.entries(value).filter(([, member]) => member !== undefined);
    return `{${entries.map(([key, member]) => `${pythonString(key)}: ${pythonLiteral(member)}`).join(', ')}}`;
  }
  return 'None';
}

/** The SQL as a Python expression, one literal per line of it so it reads as written. */
function pythonQuery(sql: string): string {
  const lines = sql.split(/(?<=\n)/);
  if (lines.length === 1) return pythonString(sql);
  return ['(', ...lines.map((line) => `    ${pythonString(line)}`), ')'].join('\n');
}

/** A Python script with `requests` that sends the request and prints the answer. */
export function pythonSnippet(request: ApiRequest): string {
  const { query, ...rest } = request.body;
  const headers = [
    `        "Authorization": f"Bearer {os.environ['${TOKEN_VARIABLE}']}",`,
    // requests sets Content-Type itself for json=.
    ...request.headers
      .filter(([name]) => name.toLowerCase() !== 'content-type')
      .map(([name, value]) => `        ${pythonString(name)}: ${pythonString(value)},`),
  ];
  const body = [
    `"query": query`,
    ...Object.entries(rest).map(([key, value]) => `${pythonString(key)}: ${pythonLiteral(value)}`),
  ];
  return [
    'import os',
    '',
    'import requests',
    '',
    `query = ${pythonQuery(query)}`,
    '',
    'response = requests.post(',
    `    ${pythonString(request.url)},`,
    '    headers={',
    ...headers,
    '    },',
    `    json={${body.join(', ')}},`,
    '    timeout=60,',
    ')',
    'response.raise_for_status()',
    'print(response.json())',
  ].join('\n');
}
