import { z } from 'zod';

/** Every error the API returns has this one shape. */
export const errorEnvelopeSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    sqlstate: z.string().optional(),
    position: z.number().int().optional(),
  }),
});
export type ErrorEnvelope = z.infer<typeof errorEnvelopeSchema>;

export { ERROR_CODES, type ErrorCode } from './error-codes';
