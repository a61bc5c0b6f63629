import type { FastifyInstance, FastifySchemaCompiler, FastifyTypeProvider } from 'fastify';
import { z } from 'zod';
import { badRequest, describeIssues, notFound, type ApiError } from '../errors';

/**
 * Routes declare what they take as zod schemas (`schema: { params, querystring, body }`);
 * Fastify runs them before the handler, which gets the parsed values, typed. Fastify's own
 * JSON-schema validation (AJV) is never used for them.
 *
 * What a mismatch answers, in the one error envelope:
 * - body: a missing one (an empty JSON body is none) is `request body is required (JSON)`;
 *   otherwise every issue as `path: message` (`describeIssues`);
 * - params and querystring: the first issue's message, which is the whole sentence (their
 *   schemas name the part themselves: `workspace id "1x" must start with…`, `limit must be…`);
 * - an issue made with `refuse` is the whole answer, in any part, and may be a 404: an id that
 *   cannot exist is simply not found.
 */

/** Maps a route's zod schemas to the types its handler sees. */
export interface ZodTypeProvider extends FastifyTypeProvider {
  validator: this['schema'] extends z.ZodType ? z.output<this['schema']> : unknown;
  serializer: this['schema'] extends z.ZodType ? z.input<this['schema']> : unknown;
}

/** The parts of a request a route can declare a schema for. */
export type RequestPart = 'body' | 'querystring' | 'params' | 'headers';

type RefusalStatus = 400 | 404;

/**
 * Adds an issue that is the whole answer of a mismatch: its message as is, with `status`
 * (404 for an id that cannot exist). For a `transform`/`superRefine`; returns `z.NEVER`.
 */
export function refuse(
  ctx: z.core.$RefinementCtx,
  message: string,
  status: RefusalStatus = 400,
): never {
  ctx.addIssue({ code: 'custom', message, params: { refusal: status } });
  return z.NEVER;
}

function refusalOf(issue: z.core.$ZodIssue): RefusalStatus | undefined {
  return issue.code === 'custom' ? (issue.params?.refusal as RefusalStatus | undefined) : undefined;
}

/** The ApiError of a part that does not match its schema (the rules above). */
function mismatch(error: z.ZodError, part: RequestPart): ApiError {
  const first = error.issues[0]!;
  const refusal = refusalOf(first);
  if (refusal === 404) return notFound(first.message);
  if (refusal === 400 || part !== 'body') return badRequest(first.message);
  return badRequest(describeIssues(error));
}

type Outcome<T> = { value: T; error?: undefined } | { error: ApiError; value?: undefined };

/** Checks one part of a request against its schema: the parsed value, or the error to answer. */
export function checkPart<Schema extends z.ZodType>(
  schema: Schema,
  part: RequestPart,
  data: unknown,
): Outcome<z.output<Schema>> {
  if (part === 'body' && (data === undefined || data === null)) {
    return { error: badRequest('request body is required (JSON)') };
  }
  const result = schema.safeParse(data);
  return result.success ? { value: result.data } : { error: mismatch(result.error, part) };
}

/** `checkPart` for code that runs before Fastify validates (hooks): throws the ApiError. */
export function parsePart<Schema extends z.ZodType>(
  schema: Schema,
  part: RequestPart,
  data: unknown,
): z.output<Schema> {
  const outcome = checkPart(schema, part, data);
  if (outcome.error) throw outcome.error;
  return outcome.value;
}

const isZodSchema = (schema: unknown): schema is z.ZodType => schema instanceof z.ZodType;

/** Fastify's validator compiler for zod schemas. (Fastify hands an absent body in as null.) */
export const zodValidatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart, url }) => {
  if (!isZodSchema(schema)) {
    throw new Error(`The ${httpPart ?? 'request'} schema of ${url} is not a zod schema`);
  }
  const part = (httpPart ?? 'body') as RequestPart;
  return (data: unknown) => checkPart(schema, part, data);
};

/**
 * Makes zod the schema language of `app` and what it registers: call it on the API's scope
 * before its routes. Route plugins then use `app.withTypeProvider<ZodTypeProvider>()`.
 */
export function useZodSchemas(app: FastifyInstance) {
  app.setValidatorCompiler(zodValidatorCompiler);
  // No route declares a response schema; should one, it is not compiled by Fastify's serializer.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
}
