import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiError } from '../errors';
import { fileListQuerySchema } from './files/query';
import { tablePath, uuidParam } from './params';
import { useZodSchemas, type ZodTypeProvider } from './zod-provider';

/**
 * The validator compiler on an app of its own, answering errors as the API's error handler
 * does (server/app.ts): a request part that does not match its schema is the ApiError the
 * handler would have thrown, and a handler gets the parsed values.
 */
let app: FastifyInstance;
beforeAll(async () => {
  app = Fastify();
  useZodSchemas(app);
  app.setErrorHandler((error, _request, reply) => {
    if (!(error instanceof ApiError)) return reply.code(500).send({ unexpected: String(error) });
    return reply.code(error.status).send(error.toEnvelope());
  });
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.post(
    '/workspaces/:ws/tables/:table/things/:id',
    {
      schema: {
        params: tablePath.extend({ id: uuidParam((id) => `No thing "${id}"`) }),
        querystring: fileListQuerySchema,
        body: z.object({ count: z.number().int(), tags: z.array(z.string()).default([]) }),
      },
    },
    async (request) => {
      const { params, query, body } = request;
      // Typed from the schemas: these compile only if the handler sees parsed values.
      const limit: number = query.limit;
      const count: number = body.count;
      return { params, limit, offset: query.offset, count, tags: body.tags, kind: typeof limit };
    },
  );
  await app.ready();
});
afterAll(() => app.close());

const ID = '0F3B8C1E-9A4D-4E6F-8B7A-1C2D3E4F5A6B';

async function send(path: string, payload?: unknown) {
  const res = await app.inject({
    method: 'POST',
    url: path,
    ...(payload === undefined
      ? {}
      : { payload: JSON.stringify(payload), headers: { 'content-type': 'application/json' } }),
  });
  return { status: res.statusCode, body: res.json() };
}

const bad = (message: string) => ({ error: { code: 'bad_request', message } });

describe('the zod validator compiler', () => {
  it('hands the handler parsed values: defaults, numbers and lower-cased ids', async () => {
    const res = await send(`/workspaces/sales/tables/Items/things/${ID}?limit=5`, { count: 3 });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      params: { ws: 'sales', table: 'Items', id: ID.toLowerCase() },
      limit: 5,
      offset: 0,
      count: 3,
      tags: [],
      kind: 'number',
    });
  });

  it('answers a bad query string with its first bad parameter, in its own words', async () => {
    const res = await send(`/workspaces/sales/tables/t/things/${ID}?limit=2.5&offset=-1`, {
      count: 1,
    });
    expect(res).toEqual({
      status: 400,
      body: bad('limit must be a whole number from 1 to 1000, not "2.5"'),
    });
  });

  it('answers a bad body with every issue as `path: message`', async () => {
    const res = await send(`/workspaces/sales/tables/t/things/${ID}`, { count: 1.5, tags: [1] });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('bad_request');
    expect(res.body.error.message).toMatch(/^count: .+; tags\.0: .+$/);
  });

  it('answers a missing or empty body as the handlers always did', async () => {
    for (const payload of [undefined, null]) {
      const res = await send(`/workspaces/sales/tables/t/things/${ID}`, payload);
      expect(res).toEqual({ status: 400, body: bad('request body is required (JSON)') });
    }
  });

  it('answers a bad id in the path with 400, and one that cannot exist with 404', async () => {
    expect(await send(`/workspaces/1sales/tables/t/things/${ID}`, { count: 1 })).toEqual({
      status: 400,
      body: bad('workspace id "1sales" must start with a lower-case letter'),
    });
    expect(await send('/workspaces/sales/tables/t/things/42', { count: 1 })).toEqual({
      status: 404,
      body: { error: { code: 'not_found', message: 'No thing "42"' } },
    });
    const long = 'x'.repeat(64);
    expect(await send(`/workspaces/sales/tables/${long}/things/${ID}`, { count: 1 })).toEqual({
      status: 404,
      body: { error: { code: 'not_found', message: `No table "${long}"` } },
    });
  });

  it('checks params before the body, and the body before the query string', async () => {
    const path = (ws: string) => `/workspaces/${ws}/tables/t/things/${ID}?limit=0`;
    expect((await send(path('1x'), { count: 'x' })).body.error.message).toMatch(/workspace id/);
    expect((await send(path('x'), { count: 'x' })).body.error.message).toMatch(/^count: /);
    expect((await send(path('x'), { count: 1 })).body.error.message).toMatch(/^limit must/);
  });

  it('refuses a schema that is not zod, rather than handing it to AJV', async () => {
    const other = Fastify();
    useZodSchemas(other);
    other.post('/x', { schema: { body: { type: 'object' } } }, async () => ({}));
    await expect(other.ready()).rejects.toThrow(/not a zod schema/);
    await other.close();
  });
});
