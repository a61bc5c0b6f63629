import { describe, expect, it } from 'vitest';
import { ORG_HEADER } from '../../../../contract/headers';
import {
  absoluteApiUrl,
  curlSnippet,
  ORG_HEADER_NAME,
  pythonLiteral,
  pythonSnippet,
  queryEndpointRequest,
  shellQuote,
  v3QueryRequest,
  type ApiRequest,
} from './request-snippets';

// The app's tsconfig has no Node types (they would leak into the SPA's code): the little these
// tests use of Node, to run the snippets in a real shell and a real python3, is typed here.
interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}
type SpawnSync = (
  command: string,
  args: string[],
  options?: { input?: string; env?: Record<string, string | undefined>; encoding?: 'utf8' },
) => Run;
const childProcess = 'node:child_process';
const { spawnSync } = (await import(/* @vite-ignore */ childProcess)) as { spawnSync: SpawnSync };
const PATH = (globalThis as unknown as { process: { env: Record<string, string | undefined> } })
  .process.env.PATH;

/** SQL no quoting scheme should get wrong. */
const NASTY = [
  "SELECT 'it''s', E'back\\\\slash \\' quote', \"odd \"\" name\" FROM t WHERE a = '$HOME' -- `id` $(id)",
  "SELECT 1;\n\n  -- a comment\r\nSELECT $$ multi\nline $$, '\t' AS tab\n",
  "SELECT 'unicode: é ß 中文 😀 \u2028 \u0085 \u00a0', '\"\\\\n is not a newline\\\\'",
  'SELECT \'%s {0} {query} %(x)s ${x} \\x00 \\u0041 \\N{BULLET}\' /* f"{x}" */',
  "'",
  "\\'\\\\'''\\",
  '\n',
];

const PARAMS = [
  1,
  2.5e-7,
  'two\nlines \'single\' "double" \\ $x `y`',
  true,
  false,
  null,
  [1, 'a', null],
  { key: "va'l", nested: { list: [true] }, 'we"ird': '\u{1F600}' },
];

const request = (query: string, params: readonly unknown[] = PARAMS) =>
  queryEndpointRequest({
    apiUrl: "http://127.0.0.1:8080/api's",
    orgId: "acme's org",
    workspaceId: 'ws 1/é',
    query,
    params,
  });

interface Sent {
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

const haveShell = spawnSync('sh', ['-c', 'true']).status === 0;
const havePython = spawnSync('python3', ['-c', 'pass']).status === 0;

/** Runs the curl snippet in a real shell whose `curl` prints its arguments, and reads them. */
function runCurl(snippet: string): Sent {
  const fake = `curl() { for arg in "$@"; do printf '%s\\0' "$arg"; done; }\n${snippet}\n`;
  const run = spawnSync('sh', ['-c', fake], {
    env: { PATH, DEEPLAKE_API_TOKEN: 'tok en$' },
    encoding: 'utf8',
  });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  const args = run.stdout.split('\0').slice(0, -1);
  expect(args.slice(0, 3)).toEqual(['-sS', '-X', 'POST']);
  const headers: Record<string, string> = {};
  let body: unknown;
  for (let k = 4; k < args.length; k += 2) {
    if (args[k] === '-H') {
      const [name, ...value] = args[k + 1]!.split(': ');
      headers[name!] = value.join(': ');
    } else {
      expect(args[k]).toBe('--data-binary');
      body = JSON.parse(args[k + 1]!);
    }
  }
  return { url: args[3]!, headers, body };
}

/** Runs the Python snippet with a fake `requests` that reports what it would send. */
const PYTHON_HARNESS = `
import json, sys, types
fake = types.ModuleType("requests")
class Answer:
    def raise_for_status(self): pass
    def json(self): return {"ok": True}
def post(url, headers=None, json=None, timeout=None):
    sys.stderr.write(__import__("json").dumps({"url": url, "headers": headers, "body": json}))
    return Answer()
fake.post = post
sys.modules["requests"] = fake
source = sys.stdin.buffer.read().decode("utf-8")
exec(compile(source, "snippet.py", "exec"), {"__name__": "__main__"})
`;

function runPython(snippet: string): Sent {
  const run = spawnSync('python3', ['-c', PYTHON_HARNESS], {
    input: snippet,
    env: { PATH, DEEPLAKE_API_TOKEN: 'tok en$', PYTHONIOENCODING: 'utf-8' },
    encoding: 'utf8',
  });
  expect(run.status, run.stderr).toBe(0);
  expect(run.stdout).toBe("{'ok': True}\n");
  return JSON.parse(run.stderr) as Sent;
}

const expected = (req: ApiRequest): Sent => ({
  url: req.url,
  headers: {
    Authorization: 'Bearer tok en$',
    ...Object.fromEntries(req.headers),
  },
  body: req.body,
});

describe('request snippets', () => {
  it('resolves the API base URL against the page, as the API client does', () => {
    expect(absoluteApiUrl('/api', 'http://localhost:5173/workspaces/w/sql')).toBe(
      'http://localhost:5173/api',
    );
    expect(absoluteApiUrl('https://api.example.com/v1/', 'http://localhost/')).toBe(
      'https://api.example.com/v1',
    );
  });

  it('sends the query endpoint the statement, its params and the organization header', () => {
    const req = request('SELECT $1', [7]);
    expect(req.url).toBe("http://127.0.0.1:8080/api's/workspaces/ws%201%2F%C3%A9/tables/query");
    expect(ORG_HEADER_NAME.toLowerCase()).toBe(ORG_HEADER);
    expect(curlSnippet(req)).toBe(
      [
        "curl -sS -X POST 'http://127.0.0.1:8080/api'\\''s/workspaces/ws%201%2F%C3%A9/tables/query' \\",
        '  -H "Authorization: Bearer $DEEPLAKE_API_TOKEN" \\',
        "  -H 'X-Activeloop-Org-Id: acme'\\''s org' \\",
        "  -H 'Content-Type: application/json' \\",
        `  --data-binary '{"query":"SELECT $1","params":[7]}'`,
      ].join('\n'),
    );
    expect(pythonSnippet(req)).toBe(
      [
        'import os',
        '',
        'import requests',
        '',
        'query = "SELECT $1"',
        '',
        'response = requests.post(',
        '    "http://127.0.0.1:8080/api\'s/workspaces/ws%201%2F%C3%A9/tables/query",',
        '    headers={',
        `        "Authorization": f"Bearer {os.environ['DEEPLAKE_API_TOKEN']}",`,
        '        "X-Activeloop-Org-Id": "acme\'s org",',
        '    },',
        '    json={"query": query, "params": [7]},',
        '    timeout=60,',
        ')',
        'response.raise_for_status()',
        'print(response.json())',
      ].join('\n'),
    );
  });

  it('writes multi-line SQL as one Python literal per line', () => {
    expect(pythonSnippet(request('SELECT 1,\n  "a\\b"\n', []))).toContain(
      ['query = (', '    "SELECT 1,\\n"', '    "  \\"a\\\\b\\"\\n"', ')'].join('\n'),
    );
  });

  it('never holds the token itself', () => {
    const req = v3QueryRequest({ apiUrl: 'http://h/api', query: 'SELECT 1', asList: true });
    expect(curlSnippet(req)).toContain('Bearer $DEEPLAKE_API_TOKEN');
    expect(pythonSnippet(req)).toContain("os.environ['DEEPLAKE_API_TOKEN']");
  });

  it('writes JSON values as Python literals', () => {
    expect(pythonLiteral(PARAMS)).toBe(
      '[1, 2.5e-7, "two\\nlines \'single\' \\"double\\" \\\\ $x `y`", True, False, None, [1, "a", None], {"key": "va\'l", "nested": {"list": [True]}, "we\\"ird": "\u{1F600}"}]',
    );
    expect(pythonLiteral(Number.NaN)).toBe('None');
    expect(pythonLiteral(new Date(0))).toBe('"1970-01-01T00:00:00.000Z"');
  });

  it('quotes a shell word so that only a single quote needs care', () => {
    expect(shellQuote("a'b")).toBe("'a'\\''b'");
    expect(shellQuote('$x `y` \\ "z"')).toBe('\'$x `y` \\ "z"\'');
  });

  describe.skipIf(!haveShell)('curl, run by a real shell', () => {
    it.each(NASTY)('sends exactly the statement and params: %j', (sql) => {
      const req = request(sql);
      expect(runCurl(curlSnippet(req))).toEqual(expected(req));
    });

    it('sends the v3 request as it is', () => {
      const req = v3QueryRequest({ apiUrl: 'http://h/api', query: NASTY[0]!, asList: false });
      expect(runCurl(curlSnippet(req))).toEqual(expected(req));
    });
  });

  describe.skipIf(!havePython)('Python, run by a real python3', () => {
    it.each(NASTY)('sends exactly the statement and params: %j', (sql) => {
      const req = request(sql);
      const sent = runPython(pythonSnippet(req));
      // requests sets Content-Type for json= itself.
      const { 'Content-Type': _, ...headers } = expected(req).headers;
      expect(sent).toEqual({ ...expected(req), headers });
    });

    it('sends the v3 request with as_list as a Python bool', () => {
      const req = v3QueryRequest({ apiUrl: 'http://h/api', query: NASTY[1]!, asList: true });
      expect(runPython(pythonSnippet(req))).toEqual({
        url: 'http://h/api/query/v1',
        headers: { Authorization: 'Bearer tok en$' },
        body: { query: NASTY[1], as_list: true },
      });
    });
  });
});
