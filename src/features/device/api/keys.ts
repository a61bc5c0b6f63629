export const deviceKeys = {
  all: ['device'] as const,
  /** A sign-in request, by the user code typed or linked (as typed: the server normalizes). */
  request: (userCode: string) => [...deviceKeys.all, 'request', userCode] as const,
};
