import { z } from 'zod';

/** Every error the API returns has this one shape. */
export const errorEnvelopeSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    sqlstate: z.string().optional(),
    position: z.number().int().optional(),
    /** Postgres's detail and hint for a SQL error, when it gives them. */
    detail: z.string().optional(),
    hint: z.string().optional(),
    /** The failing row of a batch (0-based index into params_batch). */
    batch_index: z.number().int().optional(),
  }),
});
export type ErrorEnvelope = z.infer<typeof errorEnvelopeSchema>;

export { ERROR_CODES, type ErrorCode } from './error-codes';
