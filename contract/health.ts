import { z } from 'zod';

export const healthSchema = z.object({ status: z.literal('ok') });
export const readySchema = z.union([
  z.object({ status: z.literal('ready') }),
  z.object({ status: z.literal('not_ready'), reason: z.string() }),
]);
export type Health = z.infer<typeof healthSchema>;
export type Ready = z.infer<typeof readySchema>;
