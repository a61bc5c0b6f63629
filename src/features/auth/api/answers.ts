import { instant, isRecord, requiredText, text, unexpectedAnswer } from '../../../lib/answers';

/** The signed-in person, from either server (the hosted one sends `date_joined` as seconds). */
export interface MeView {
  id: string;
  email: string;
  name: string;
  display_name: string;
  /** Ids of the organizations the person belongs to. */
  organizations: string[];
  date_joined?: string;
}

const ACCOUNT = 'your account (/me)';

export function readMe(body: unknown): MeView {
  if (!isRecord(body)) throw unexpectedAnswer(ACCOUNT, body);
  const id = requiredText(body, 'id', ACCOUNT);
  const email = text(body.email) ?? '';
  const name = text(body.name) || email;
  const joined = instant(body.date_joined);
  return {
    id,
    email,
    name,
    display_name: text(body.display_name) || name,
    organizations: Array.isArray(body.organizations)
      ? body.organizations.flatMap((org) => {
          const orgId = isRecord(org) ? text(org.id) : text(org);
          return orgId ? [orgId] : [];
        })
      : [],
    ...(joined ? { date_joined: joined } : {}),
  };
}
