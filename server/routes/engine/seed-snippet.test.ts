import fs from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../../test/harness';
import { DIRECT, pythonWithRequests, run } from '../../test/python';

/**
 * The older File API page's own examples (shared/seeds/003: "File APIs"), run as its readers
 * run them — Python with `requests`, and curl — against the bundled server over HTTP.
 *
 * What is changed, and only that: `https://{your-engine-url}` becomes this server's
 * `http://127.0.0.1:<port>/engine/default` (plain HTTP on the test's port), `Issued_API_TOKEN`
 * the admin's token, and the reader's own values are filled in (file paths, a local file, table
 * and column names, the curl part's type). The seed's Python DELETE example ends its f-string
 * with `'` where it opened it with `"`, a syntax error in any Python: that one quote is closed
 * as it was opened. (The examples have no top-level `return`: `return_json = r.json()` is an
 * assignment, kept as it is; each script prints `return_json` after it.)
 */

// The seed's examples, verbatim.
const PY_GET = String.raw`import requests
import json

api_token = "Issued_API_TOKEN"
file_path = "File Path"
api_url = f"https://{your-engine-url}/api/v1/file/?file_path={file_path}"

header = {
    "Authorization": f"Bearer {api_token}"
}

r = requests.get(api_url, headers=header)

r.raise_for_status()
return_json = r.json()`;

const CURL_GET = String.raw`curl -X 'GET' \
  'https://{your-engine-url}/api/v1/file/?file_path={file_path}' \
  -H 'accept: application/json' \
  -H 'Authorization: Bearer Issued_API_TOKEN' \
  -H 'Content-Type: application/json'`;

const PY_POST = String.raw`import requests
import json

api_token = "Issued_API_TOKEN"
api_url = "https://{your-engine-url}/api/v1/file/"
header = {
    "Authorization": f"Bearer {api_token}"
}
files = {'file': open('Data File Path', 'rb')}

r = requests.post(api_url, files=files, headers=header)

r.raise_for_status()
return_json = r.json()`;

const CURL_POST = String.raw`curl -X 'POST' \
  'https://{your-engine-url}/api/v1/file/' \
  -H 'accept: application/json' \
  -H 'Authorization: Bearer Issued_API_TOKEN' \
  -H 'Content-Type: multipart/form-data' \
  -F 'file=@Data File Path;type=file_type/Data File Type'`;

const PY_POST_COMMIT = String.raw`import requests
import json

api_token = "Issued_API_TOKEN"
base_url = "https://{your-engine-url}/api/v1/file/"
table_name = "Table Name"
column_name = "Column Name"
db_commit = True 

api_url = f"{base_url}?db_commit={db_commit}&table_name={table_name}&column_name={column_name}"
header = {
    "Authorization": f"Bearer {api_token}"
}
files = {'file': open('Data File Path', 'rb')}

r = requests.post(api_url, files=files, headers=header)

r.raise_for_status()
return_json = r.json()`;

const CURL_POST_COMMIT = String.raw`curl -X 'POST' \
  'https://{your-engine-url}/api/v1/file/?db_commit={db_commit}&table_name={table_name}&column_name={column_name}' \
  -H 'accept: application/json' \
  -H 'Authorization: Bearer Issued_API_TOKEN' \
  -H 'Content-Type: multipart/form-data' \
  -F 'file=@Data File Path;type=file_type/Data File Type'`;

const PY_DELETE = String.raw`import requests
import json

api_token = "Issued_API_TOKEN"
file_path = "Data File Path"
api_url = f"https://{your-engine-url}/api/v1/file/?file_path={file_path}'

header = {
    "Authorization": f"Bearer {api_token}"
}

r = requests.delete(api_url, headers=header)

r.raise_for_status()
return_json = r.json()`;

const CURL_DELETE = String.raw`curl -X 'DELETE' \
  'https://{your-engine-url}/api/v1/file/?file_path={file_path}' \
  -H 'accept: application/json' \
  -H 'Authorization: Bearer Issued_API_TOKEN' \
  -H 'Content-Type: application/json'`;

const PY_DELETE_COMMIT = String.raw`import requests
import json

api_token = "Issued_API_TOKEN"
base_url = "https://{your-engine-url}/api/v1/file/"
db_commit = True 
file_path = 'File Path'
table_name = 'Table Name'
column_name = 'Column Name'

api_url = f"{base_url}?db_commit={db_commit}&file_path={file_path}&table_name={table_name}&column_name={column_name}"

header = {
    "Authorization": f"Bearer {api_token}"
}

r = requests.delete(api_url, headers=header)

r.raise_for_status()
return_json = r.json()`;

const CURL_DELETE_COMMIT = String.raw`curl -X 'DELETE' \
  'https://{your-engine-url}/api/v1/file/?db_commit={db_commit}&file_path={file_path}&table_name={table_name}&column_name={column_name}' \
  -H 'accept: application/json' \
  -H 'Authorization: Bearer Issued_API_TOKEN' \
  -H 'Content-Type: application/json'`;

let server: TestServer;
let engineUrl = '';
let dir = '';

beforeAll(async () => {
  server = await createTestServer();
  await server.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = server.app.server.address() as AddressInfo;
  engineUrl = `http://127.0.0.1:${port}/engine/default`;
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'seed-003-'));
  await fs.writeFile(path.join(dir, 'beach.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]));
  await fs.writeFile(path.join(dir, 'notes.txt'), 'some notes\n');
  await fs.writeFile(path.join(dir, 'row.jpg'), 'would be a row');
  await fs.writeFile(path.join(dir, 'curl.png'), 'from curl');
  // The table the db_commit examples write the file's path in.
  await sql('CREATE TABLE items (image text)');
});
afterAll(async () => {
  await server.close();
  await fs.rm(dir, { recursive: true, force: true });
});

/** The example with the engine URL and token in, and the reader's values. */
function fill(example: string, values: Record<string, string> = {}): string {
  let text = example
    .replaceAll('https://{your-engine-url}', engineUrl)
    .replaceAll('Issued_API_TOKEN', server.adminToken);
  for (const [placeholder, value] of Object.entries(values)) {
    text = text.replaceAll(placeholder, value);
  }
  return text;
}

/** Runs a Python example; its `return_json`, or the HTTP error `raise_for_status` raised. */
async function python(example: string, values: Record<string, string> = {}) {
  const script = [fill(example, values), '', 'print(json.dumps(return_json))'].join('\n');
  const interpreter = await pythonWithRequests();
  const { stdout } = await run(interpreter, ['-c', script], { env: DIRECT, timeout: 30_000 });
  return JSON.parse(stdout);
}

async function pythonFailure(example: string, values: Record<string, string> = {}) {
  const interpreter = await pythonWithRequests();
  const failure = await run(interpreter, ['-c', fill(example, values)], {
    env: DIRECT,
    timeout: 30_000,
  }).then(
    () => null,
    (error: { stderr: string }) => error.stderr,
  );
  expect(failure, 'the example should have raised').not.toBeNull();
  return failure!;
}

async function curl(example: string, values: Record<string, string> = {}) {
  const { stdout } = await run('bash', ['-c', `${fill(example, values)} -sS`], {
    env: DIRECT,
    timeout: 30_000,
  });
  return JSON.parse(stdout);
}

const py = (text: string) => JSON.stringify(text);

/** A statement in the default workspace, as the admin; its rows. */
const sql = (query: string) => server.sql(query);

const listedPaths = async () =>
  (
    await server.call(server.adminToken, 'GET', '/api/workspaces/default/files?limit=1000')
  ).body.files.map((file: { path: string }) => file.path) as string[];

describe('the seed’s Python examples', () => {
  it('POST uploads a file, into drive or the ?dir folder', async () => {
    const beach = await python(PY_POST, { "'Data File Path'": py(path.join(dir, 'beach.jpg')) });
    expect(beach).toMatchObject({ path: 'drive/beach.jpg', name: 'beach.jpg', size: 7 });
    expect(beach.id).toMatch(/^[0-9a-f-]{36}$/);
    const notes = await python(PY_POST, {
      "'Data File Path'": py(path.join(dir, 'notes.txt')),
      // "When the "dir=folder name" is added to the URL…"
      '/api/v1/file/"': '/api/v1/file/?dir=reports/2024"',
    });
    expect(notes).toMatchObject({ path: 'drive/reports/2024/notes.txt', size: 11 });
  });

  it('GET lists a folder, or the paths a regular expression matches', async () => {
    const root = await python(PY_GET, { '"File Path"': py('drive') });
    expect(root.path).toBe('drive');
    expect(root.folders).toEqual([{ path: 'drive/reports', name: 'reports' }]);
    expect(root.files.map((file: { path: string }) => file.path)).toEqual(['drive/beach.jpg']);
    const folder = await python(PY_GET, { '"File Path"': py('drive/reports/2024') });
    expect(folder.files.map((file: { name: string }) => file.name)).toEqual(['notes.txt']);
    const matched = await python(PY_GET, { '"File Path"': py(String.raw`drive/.+\.(jpg|txt)`) });
    expect(matched.files.map((file: { path: string }) => file.path)).toEqual([
      'drive/beach.jpg',
      'drive/reports/2024/notes.txt',
    ]);
  });

  it('POST with db_commit=True stores the file and its path in the table', async () => {
    const up = await python(PY_POST_COMMIT, {
      '"Table Name"': py('items'),
      '"Column Name"': py('image'),
      "'Data File Path'": py(path.join(dir, 'row.jpg')),
    });
    expect(up).toMatchObject({
      path: 'drive/row.jpg',
      recorded: { table: 'items', column: 'image', value: 'drive/row.jpg' },
    });
    expect(await sql('SELECT image FROM items')).toEqual([['drive/row.jpg']]);
  });

  it('DELETE with db_commit=True deletes the file and the rows that hold its path', async () => {
    const deleted = await python(PY_DELETE_COMMIT, {
      "'File Path'": py('drive/row.jpg'),
      "'Table Name'": py('items'),
      "'Column Name'": py('image'),
    });
    expect(deleted).toMatchObject({ deleted: 'file', rows_deleted: 1 });
    expect(await sql('SELECT image FROM items')).toEqual([]);
    expect(await listedPaths()).not.toContain('drive/row.jpg');
  });

  it('db_commit=True naming a table that is not there is a 400, and changes nothing', async () => {
    const before = await listedPaths();
    const stderr = await pythonFailure(PY_POST_COMMIT, {
      '"Table Name"': py('nope'),
      '"Column Name"': py('image'),
      "'Data File Path'": py(path.join(dir, 'row.jpg')),
    });
    expect(stderr).toMatch(/requests\.exceptions\.HTTPError: 400 Client Error/);
    expect(await listedPaths()).toEqual(before);
  });

  it('DELETE deletes a file by its path', async () => {
    const deleted = await python(PY_DELETE, {
      '"Data File Path"': py('drive/reports/2024/notes.txt'),
      // The seed's one typo: the f-string opened with " is closed with '.
      "{file_path}'": '{file_path}"',
    });
    expect(deleted).toMatchObject({
      deleted: 'file',
      file: { path: 'drive/reports/2024/notes.txt' },
    });
    expect(await listedPaths()).not.toContain('drive/reports/2024/notes.txt');
  });
});

describe('the seed’s curl examples', () => {
  it('POST, GET and DELETE', async () => {
    const up = await curl(CURL_POST, {
      'Data File Path': path.join(dir, 'curl.png'),
      'file_type/Data File Type': 'image/png',
    });
    expect(up).toMatchObject({ path: 'drive/curl.png', size: 9 });
    const listed = await curl(CURL_GET, { '{file_path}': 'drive' });
    expect(listed.files.map((file: { path: string }) => file.path)).toEqual([
      'drive/beach.jpg',
      'drive/curl.png',
    ]);
    const deleted = await curl(CURL_DELETE, { '{file_path}': 'drive/curl.png' });
    expect(deleted).toMatchObject({ deleted: 'file', file: { id: up.id } });
    const again = await curl(CURL_DELETE, { '{file_path}': 'drive/curl.png' });
    expect(again.error).toMatchObject({ code: 'not_found' });
  });

  it('with db_commit=True, POST and DELETE change the table with the file', async () => {
    const values = { '{db_commit}': 'True', '{table_name}': 'items', '{column_name}': 'image' };
    const up = await curl(CURL_POST_COMMIT, {
      ...values,
      'Data File Path': path.join(dir, 'row.jpg'),
      'file_type/Data File Type': 'image/jpeg',
    });
    expect(up).toMatchObject({ path: 'drive/row.jpg', recorded: { value: 'drive/row.jpg' } });
    expect(await sql('SELECT image FROM items')).toEqual([['drive/row.jpg']]);
    const del = await curl(CURL_DELETE_COMMIT, { ...values, '{file_path}': 'drive/row.jpg' });
    expect(del).toMatchObject({ deleted: 'file', rows_deleted: 1 });
    expect(await sql('SELECT image FROM items')).toEqual([]);
  });
});
