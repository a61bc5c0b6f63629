import type { RecordedGroup } from './types';

/**
 * Error answers. The first three are the hosted service's (HOSTED-API.md, "Errors the clients
 * meet"); the others are no public source's of the hosted API, but shapes other services and
 * gateways in front of it send, which the console must still read.
 */
export const ERRORS = {
  errors: {
    insufficientBalance: {
      source: 'HOSTED-API.md: the hosted 402',
      status: 402,
      body: { balance_cents: 0, error: 'insufficient balance, please top up' },
    },
    tableMissing: {
      source: 'HOSTED-API.md: hosted error text',
      status: 400,
      body: { error: 'Table does not exist: relation "skills" does not exist' },
    },
    proxyPage: {
      source: 'HOSTED-API.md: transient HTML 403 pages from a proxy',
      status: 403,
      text: true,
      body: '<!DOCTYPE html><html><head><title>403 Forbidden</title></head><body><h1>403 Forbidden</h1></body></html>',
    },
    detail: {
      source: 'not a hosted answer: FastAPI-style services send {"detail": …}',
      status: 422,
      body: { detail: [{ loc: ['body', 'name'], msg: 'field required' }] },
    },
    message: {
      source: 'not a hosted answer: gateways answer {"message": …}',
      status: 500,
      body: { message: 'Internal server error' },
    },
    plainText: {
      source: 'not a hosted answer: a service answering plain text',
      status: 500,
      text: true,
      body: 'upstream connect error',
    },
    busy: {
      source: 'HOSTED-API.md: clients retry 429 and 503 with backoff',
      status: 429,
      body: { error: 'rate limited' },
      headers: { 'Retry-After': '0' },
    },
  },
} satisfies RecordedGroup;
