// Kept apart from errors.ts so the SPA can use the codes without pulling zod into its first page.

/** Machine-readable error codes: one per status the contract names, and finer ones for SQL. */
export const ERROR_CODES = {
  badRequest: 'bad_request',
  /** Postgres refused the statement: `sqlstate`, `position` and `detail` say why. */
  sqlError: 'sql_error',
  /** The statement ran past the server's deadline and was cancelled. */
  queryTimeout: 'query_timeout',
  /** The workspace sandbox does not run this kind of statement (SET ROLE, COPY, DO …). */
  statementNotAllowed: 'statement_not_allowed',
  /** A value, row or error text in the statement's answer is over the byte cap (not sent). */
  valueTooLarge: 'value_too_large',
  unauthorized: 'unauthorized',
  /** The account has no credit left (the hosted service's 402). */
  paymentRequired: 'payment_required',
  forbidden: 'forbidden',
  /** A limit on what one person or organization may create was reached (403). */
  limitReached: 'limit_reached',
  notFound: 'not_found',
  conflict: 'conflict',
  tooLarge: 'payload_too_large',
  /** A `Range` outside the file (416). */
  rangeNotSatisfiable: 'range_not_satisfiable',
  /** The server's disk is full (507). */
  insufficientStorage: 'insufficient_storage',
  /** The workspace holds as much as its size limit allows (507): drop or truncate to make room. */
  workspaceFull: 'workspace_full',
  notReady: 'not_ready',
  /** Every place for statements is taken (this tenant's share, or the server's): retry later. */
  serverBusy: 'server_busy',
  /** Too many requests at once (429): try again after a while. */
  tooManyRequests: 'too_many_requests',
  internal: 'internal',
  badGateway: 'bad_gateway',
} as const;
export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];
