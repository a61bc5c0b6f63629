import { z } from 'zod';

export const meSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  display_name: z.string(),
  verified: z.boolean(),
  organizations: z.array(z.string()),
  /** Epoch seconds, as the hosted service sends it. */
  date_joined: z.number(),
});
export type Me = z.infer<typeof meSchema>;
