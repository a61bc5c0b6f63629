import {
  instant,
  isRecord,
  listIn,
  objectIn,
  requiredText,
  text,
  unexpectedAnswer,
} from '../../../lib/answers';

/** A workspace as the console shows it; the hosted service may leave out all but its id. */
export interface WorkspaceView {
  id: string;
  name: string;
  org_id?: string;
  /** The kind of workspace, when the server says. */
  type?: string;
  created_at?: string;
}

const WORKSPACE = 'a workspace';

export function readWorkspace(value: unknown): WorkspaceView {
  if (!isRecord(value)) throw unexpectedAnswer(WORKSPACE, value);
  const id = requiredText(value, 'id', WORKSPACE);
  const orgId = text(value.org_id);
  const type = text(value.type);
  const created = instant(value.created_at);
  return {
    id,
    name: text(value.name) || id,
    ...(orgId ? { org_id: orgId } : {}),
    ...(type ? { type } : {}),
    ...(created ? { created_at: created } : {}),
  };
}

/** `GET /workspaces`: `{data}` (hosted), `{workspaces}` (older bundled) or a bare array. */
export const readWorkspaceList = (body: unknown): WorkspaceView[] =>
  listIn(body, ['data', 'workspaces'], 'a list of workspaces').map(readWorkspace);

/** `GET|POST|PATCH /workspaces…`: `{workspace: {…}}`, `{data: {…}}` or the workspace itself. */
export function readWorkspaceAnswer(body: unknown): WorkspaceView {
  if (isRecord(body) && isRecord(body.data)) return readWorkspace(body.data);
  return readWorkspace(objectIn(body, 'workspace', WORKSPACE));
}
