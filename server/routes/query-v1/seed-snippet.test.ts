import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../../test/harness';
import { DIRECT, pythonWithRequests, run } from '../../test/python';

/**
 * The REST API page's own example (shared/seeds/004: "Querying via the REST API"), run as its
 * readers run it — Python with `requests`, over HTTP — against the bundled server, with only the
 * URL and the token filled in; and the same request with curl.
 */

/** The seed's snippet, verbatim. `True/False` is the reader's choice: the test makes it. */
const SEED_SNIPPET = String.raw`url = "https://app.activeloop.ai/api/query/v1"

headers = {
    "Authorization": f"Bearer {user_token}"
    }

# Format the embedding array or list as a string, so it can be passed in the REST API request.
embedding_string = ",".join([str(item) for item in embedding])

request = {
    "query": f"select * from (select text, cosine_similarity(embedding, ARRAY[{embedding_string}]) as score from \"{dataset_path}\") order by score desc limit 5",
    "as_list": True/False # Defaults to True.
    }
`;

const DATASET_PATH = 'hub://default/default/docs';
const EMBEDDING = [0.9, 0.1, 0.2, 0.00001, -0.3];
const DOCS: [string, number[]][] = [
  ['alpha', [1, 0, 0, 0, 0]],
  ['beta', [0.6, 0.8, 0, 0, 0]],
  ['gamma', [0, 0, 1, 0, 0]],
  ['delta', [-1, 0, 0, 0, 0]],
  ['epsilon', [0.5, 0.5, 0.5, 0.5, 0]],
  ['zeta', [0.1, 0.2, 0.3, 0.4, 0.5]],
  ['eta', [0, 0, 0, 1, -1]],
];

function cosine(stored: number[], query: number[]) {
  const a = stored.map((x) => Math.fround(x));
  const dot = a.reduce((sum, x, i) => sum + x * query[i]!, 0);
  const norm = (v: number[]) => Math.sqrt(v.reduce((sum, x) => sum + x * x, 0));
  return dot / (norm(a) * norm(query));
}
const EXPECTED = DOCS.map(([text, vector]) => ({ text, score: cosine(vector, EMBEDDING) }))
  .sort((a, b) => b.score - a.score)
  .slice(0, 5);

function expectSeedAnswer(body: any, asList: boolean) {
  expect(body).toMatchObject({ message: 'Query successful.', tensors: ['text', 'score'] });
  const rows: { text: string; score: number }[] = asList
    ? body.data
    : body.data.text.map((text: string, i: number) => ({ text, score: body.data.score[i] }));
  if (asList) expect(Object.keys(body.data[0])).toEqual(['text', 'score']);
  expect(rows.map((row) => row.text)).toEqual(EXPECTED.map((row) => row.text));
  rows.forEach((row, i) => expect(row.score).toBeCloseTo(EXPECTED[i]!.score, 12));
}

let server: TestServer;
let baseUrl = '';

beforeAll(async () => {
  server = await createTestServer();
  const made = await server.call(
    server.adminToken,
    'POST',
    '/api/workspaces/default/tables/query',
    {
      body: { query: 'CREATE TABLE docs (text text, embedding embedding)' },
    },
  );
  expect(made.status).toBe(200);
  const filled = await server.call(
    server.adminToken,
    'POST',
    '/api/workspaces/default/tables/query/batch',
    { body: { query: 'INSERT INTO docs VALUES ($1, $2)', params_batch: DOCS } },
  );
  expect(filled.status, JSON.stringify(filled.body)).toBe(200);
  await server.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = server.app.server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}`;
});
afterAll(() => server.close());

describe('the seed’s Python snippet, against the bundled server', () => {
  it.each([
    ['True', true],
    ['False', false],
  ])('with "as_list": %s', async (choice, asList) => {
    const python = await pythonWithRequests();
    const snippet = SEED_SNIPPET.replace(
      'https://app.activeloop.ai/api/query/v1',
      `${baseUrl}/api/query/v1`,
    ).replace('True/False', choice);
    const script = [
      'import json',
      'import requests',
      '',
      `user_token = ${JSON.stringify(server.adminToken)}`,
      `dataset_path = ${JSON.stringify(DATASET_PATH)}`,
      // Python's own spelling of the numbers (str(1e-05) is "1e-05").
      `embedding = [${EMBEDDING.join(', ')}]`,
      '',
      snippet,
      'response = requests.post(url, headers=headers, json=request)',
      'print(json.dumps({"status": response.status_code, "body": response.json()}))',
    ].join('\n');
    const { stdout } = await run(python, ['-c', script], { env: DIRECT, timeout: 30_000 });
    const { status, body } = JSON.parse(stdout) as { status: number; body: unknown };
    expect(status, JSON.stringify(body)).toBe(200);
    expectSeedAnswer(body, asList);
  });
});

describe('the same request with curl', () => {
  /** As the README shows it; the URL and token come from the environment. */
  const CURL = String.raw`curl -sS -X POST "$DEEPLAKE_API_URL/query/v1" \
  -H "Authorization: Bearer $DEEPLAKE_TOKEN" \
  -H "Content-Type: application/json" \
  -d '{"query": "select * from (select text, cosine_similarity(embedding, ARRAY[0.9,0.1,0.2,0.00001,-0.3]) as score from \"hub://default/default/docs\") order by score desc limit 5", "as_list": false}'`;

  it('answers the column arrays', async () => {
    const { stdout } = await run('bash', ['-c', CURL], {
      env: { ...DIRECT, DEEPLAKE_API_URL: `${baseUrl}/api`, DEEPLAKE_TOKEN: server.adminToken },
      timeout: 30_000,
    });
    expectSeedAnswer(JSON.parse(stdout), false);
  });

  it('answers errors in the envelope, with the message at the top', async () => {
    const { stdout } = await run(
      'bash',
      [
        '-c',
        String.raw`curl -sS -X POST "$DEEPLAKE_API_URL/query/v1" -H "Authorization: Bearer $DEEPLAKE_TOKEN" -H "Content-Type: application/json" -d '{"query": "select * from \"hub://default/docs\" where nope"}'`,
      ],
      {
        env: { ...DIRECT, DEEPLAKE_API_URL: `${baseUrl}/api`, DEEPLAKE_TOKEN: server.adminToken },
        timeout: 30_000,
      },
    );
    const body = JSON.parse(stdout);
    expect(body.error).toMatchObject({ code: 'sql_error', sqlstate: '42703', position: 42 });
    expect(body.message).toBe(body.error.message);
  });
});
