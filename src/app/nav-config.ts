import {
  Boxes,
  Building2,
  Code,
  FolderOpen,
  KeyRound,
  Table2,
  Users,
  type LucideIcon,
} from 'lucide-react';

export interface NavContext {
  /** The selected organization, for links into organization-scoped pages. */
  orgId: string | null;
}

export interface NavItem {
  label: string;
  icon: LucideIcon;
  to: (context: NavContext) => string;
  /** Route pattern(s) under which the item shows as the current page; end with /* for a prefix. */
  activeOn: readonly string[];
}

const orgPath = (orgId: string | null, rest: string) =>
  orgId ? `/organizations/${encodeURIComponent(orgId)}${rest}` : '/organizations';

/** The left navigation. A new area is one more line here plus its route. */
export const NAV_ITEMS: readonly NavItem[] = [
  {
    label: 'Organizations',
    icon: Building2,
    to: () => '/organizations',
    activeOn: ['/organizations'],
  },
  {
    label: 'Members',
    icon: Users,
    to: ({ orgId }) => orgPath(orgId, '/members'),
    activeOn: ['/organizations/:orgId/members'],
  },
  { label: 'Workspaces', icon: Boxes, to: () => '/workspaces', activeOn: ['/workspaces'] },
  // The workspace areas open the workspace used last (see WorkspaceAreaEntry).
  {
    label: 'Tables',
    icon: Table2,
    to: () => '/tables',
    activeOn: ['/tables', '/workspaces/:workspaceId/tables/*'],
  },
  {
    label: 'SQL',
    icon: Code,
    to: () => '/sql',
    activeOn: ['/sql', '/workspaces/:workspaceId/sql'],
  },
  {
    label: 'Files',
    icon: FolderOpen,
    to: () => '/files',
    activeOn: ['/files', '/workspaces/:workspaceId/files'],
  },
  // The signed-in person's own tokens, whatever organization is selected.
  { label: 'API tokens', icon: KeyRound, to: () => '/tokens', activeOn: ['/tokens'] },
];
