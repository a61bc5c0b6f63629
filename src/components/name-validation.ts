import { displayNameSchema } from '../../contract/organizations';

/** The server's rule for display names, as a sentence for the form, or null when fine. */
export function nameProblem(value: string): string | null {
  const result = displayNameSchema.safeParse(value);
  if (result.success) return null;
  const message = result.error.issues[0]?.message ?? 'name is not valid';
  return message.charAt(0).toUpperCase() + message.slice(1);
}
