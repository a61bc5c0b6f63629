export const healthKeys = {
  all: ['health'] as const,
  live: () => [...healthKeys.all, 'live'] as const,
  ready: () => [...healthKeys.all, 'ready'] as const,
};
