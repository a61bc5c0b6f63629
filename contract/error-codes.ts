// Kept apart from errors.ts so the SPA can use the codes without pulling zod into its first page.

/** Machine-readable error codes, one per status the contract names. */
export const ERROR_CODES = {
  badRequest: 'bad_request',
  unauthorized: 'unauthorized',
  forbidden: 'forbidden',
  notFound: 'not_found',
  conflict: 'conflict',
  tooLarge: 'payload_too_large',
  notReady: 'not_ready',
  internal: 'internal',
  badGateway: 'bad_gateway',
} as const;
export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];
