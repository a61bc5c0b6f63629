/** The signed-in person's own tokens: one list, whatever organization is selected. */
export const tokenKeys = {
  all: ['tokens'] as const,
  list: () => [...tokenKeys.all, 'list'] as const,
};
