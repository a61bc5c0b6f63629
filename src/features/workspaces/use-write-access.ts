import { useId } from 'react';
import { viewerNote } from '../members';
import { useOrganizationRole } from '../organizations';
import { useCurrentWorkspace } from './use-current-workspace';

export interface WriteAccess {
  /**
   * Whether the console offers changes to the workspace's tables and files. False only once
   * the caller is known to be a viewer; until the role is known the server decides, and its
   * 403 is shown where the change was tried.
   */
  canWrite: boolean;
  /** Why not, in words, when not. */
  reason: string | null;
  /** The id of the note that says why (ReadOnlyNote): disabled controls point at it. */
  noteId: string;
}

/** What the caller may change in the current workspace, from their role in its organization. */
export function useWriteAccess(): WriteAccess {
  const { organization } = useCurrentWorkspace();
  const role = useOrganizationRole(organization);
  const noteId = useId();
  const viewer = role === 'viewer';
  return { canWrite: !viewer, reason: viewer ? viewerNote(organization.name) : null, noteId };
}

/** Props for a control that changes the workspace: disabled for a viewer, pointing at why. */
export function writeControl(access: WriteAccess) {
  if (access.canWrite || access.reason === null) return {};
  return { disabled: true, 'aria-describedby': access.noteId, title: access.reason };
}
