/**
 * A recorded answer of the hosted Deeplake API or of the bundled server, with where it comes
 * from: a public source listed in shared/HOSTED-API.md, or the bundled server's route that sends
 * it ("bundled server: server/routes/…"). Where no public source shows the hosted answer, the
 * source says so, and only the bundled server's answer is recorded.
 */
export interface Recorded {
  source: string;
  status: number;
  body: unknown;
  /** Headers beyond Content-Type (Retry-After). */
  headers?: Record<string, string>;
  /** The body is sent as text (HTML, plain text, file bytes), not JSON. */
  text?: boolean;
  /** The Content-Type of a text body; text/html unless given. */
  contentType?: string;
}

export type RecordedGroup = Record<string, Record<string, Recorded>>;

/** Said of every answer recorded from the bundled server alone. */
export const NO_HOSTED_SOURCE = 'no public source shows the hosted answer';

/** The recorded answer as a fetch Response. */
export function respond({ status, body, headers = {}, text, contentType }: Recorded): Response {
  const noBody = status === 204 || body === undefined;
  return new Response(noBody ? null : text ? String(body) : JSON.stringify(body), {
    status,
    headers: {
      ...(noBody
        ? {}
        : { 'Content-Type': text ? (contentType ?? 'text/html') : 'application/json' }),
      ...headers,
    },
  });
}
