import { QueryClientProvider } from '@tanstack/react-query';
import { renderHook } from '@testing-library/react';
import { createElement, type ReactNode } from 'react';
import { ORG_HEADER } from '../../../contract/headers';
import { isApiError, type ApiError } from '../../lib/api-client';
import { mockApi, type RecordedRequest } from '../fetch-mock';
import { respond, type Recorded } from '../recorded-answers';
import { createTestQueryClient } from '../render';

/**
 * What the contract tests share: the API layer's functions run against a fetch that answers a
 * recorded shape (recorded-answers/), and the requests they sent are checked.
 */

export const ORG = '0c7e4d2a-5f1b-4c3e-9a8d-1b2c3d4e5f60';

/** The organization header of a request sent (null when it was not sent). */
export const orgHeader = (request: RecordedRequest | undefined) =>
  request?.headers.get(ORG_HEADER) ?? null;

export function answer(route: string, recorded: Recorded) {
  return mockApi({ [route]: () => respond(recorded) });
}

/** Answers several routes, each with its recorded answer. */
export function answers(routes: Record<string, Recorded>) {
  return mockApi(
    Object.fromEntries(
      Object.entries(routes).map(([route, recorded]) => [route, () => respond(recorded)]),
    ),
  );
}

/** Runs a query's function as React Query would, on a fresh cache. */
export const client = () => createTestQueryClient();

export async function failure(request: Promise<unknown>): Promise<ApiError> {
  try {
    await request;
  } catch (error) {
    if (isApiError(error)) return error;
    throw error;
  }
  throw new Error('expected the request to fail');
}

export function mutationHook<T>(hook: () => T, queryClient = createTestQueryClient()) {
  const wrapper = ({ children }: { children: ReactNode }) =>
    createElement(QueryClientProvider, { client: queryClient }, children);
  return renderHook(hook, { wrapper }).result;
}

export { FakeXhr } from '../fake-xhr';

/** A recorded answer as FakeXhr.answer's arguments. */
export const replayed = ({ status, body, text }: Recorded) =>
  [status, body, { text: text ?? false }] as const;
