import type { FastifyInstance } from 'fastify';

/**
 * RFC 8628 has clients send their requests form-encoded (`device_code=…&grant_type=…`); the
 * hosted service's own clients send JSON. Both are read into one object.
 */
export function acceptFormBodies(app: FastifyInstance) {
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_request, body, done) => {
      const fields: Record<string, string> = {};
      for (const [key, value] of new URLSearchParams(body as string)) {
        // The first of a repeated field, as OAuth servers read them.
        if (!(key in fields)) fields[key] = value;
      }
      done(null, fields);
    },
  );
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A text field of a body that may be missing, JSON or form-encoded; undefined when absent. */
export function textField(body: unknown, name: string): string | undefined | null {
  if (!isRecord(body)) return undefined;
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  // Present but not text: the caller says what is wrong.
  return typeof value === 'string' ? value : null;
}
