import { useQuery } from '@tanstack/react-query';
import { Info, LogOut, UserPlus, UserX, Users } from 'lucide-react';
import { lazy, useEffect, useId, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { Role } from '../../../../contract/organizations';
import type { MemberView as Member } from '../api/answers';
import { Badge } from '../../../components/ui/badge';
import { Button } from '../../../components/ui/button';
import { IconButton } from '../../../components/ui/icon-button';
import { buttonClasses } from '../../../components/ui/button-styles';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { LazyMount } from '../../../components/ui/lazy-mount';
import { EmptyState } from '../../../components/ui/empty-state';
import { ErrorState } from '../../../components/ui/error-state';
import { FormAlert } from '../../../components/ui/form-alert';
import { PageHeader } from '../../../components/ui/page-header';
import { Select } from '../../../components/ui/select';
import { ListSkeleton } from '../../../components/ui/skeleton';
import { Table, Td, Th, Tr } from '../../../components/ui/table';
import { isApiError } from '../../../lib/api-client';
import { DateText } from '../../../components/ui/date-text';
import { getSelectedOrgId, setSelectedOrgId } from '../../../lib/sign-in-state';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { meQueryOptions } from '../../auth';
import { organizationListQueryOptions, organizationQueryOptions } from '../../organizations';
import { useChangeMemberRole } from '../api/member-role-mutation';
import { useLeaveOrganization, useRemoveMember } from '../api/member-remove-mutation';
import { memberListQueryOptions } from '../api/members-query';
import { isSelf, LAST_ADMIN_RULE, memberPermissions } from '../member-permissions';
import { ROLE_OPTIONS } from './role-options';

const InviteMemberDialog = lazy(() =>
  import('./invite-member-dialog').then((m) => ({ default: m.InviteMemberDialog })),
);

export function MembersScreen() {
  const { orgId = '' } = useParams();
  useDocumentTitle('Members');
  useFollowUrlOrganization(orgId);
  const navigate = useNavigate();
  const lastAdminNoteId = useId();

  const organization = useQuery(organizationQueryOptions(orgId));
  const members = useQuery(memberListQueryOptions(orgId));
  const me = useQuery(meQueryOptions());
  const changeRole = useChangeMemberRole(orgId);
  const removeMember = useRemoveMember(orgId);
  const leave = useLeaveOrganization(orgId);

  const [inviting, setInviting] = useState(false);
  const [removing, setRemoving] = useState<Member | null>(null);
  const [confirmingLeave, setConfirmingLeave] = useState(false);
  /** The role an admin asked for themselves, while they confirm giving up admin rights. */
  const [selfDemotion, setSelfDemotion] = useState<Role | null>(null);

  const orgName = organization.data?.name ?? orgId;
  const { self, isAdmin, isLastAdmin } = memberPermissions(members.data ?? [], me.data);

  function requestRoleChange(member: Member, role: Role) {
    if (role === member.role) return;
    // Giving up your own admin rights cannot be undone by you: ask first.
    if (isSelf(member, self) && member.role === 'admin') setSelfDemotion(role);
    else changeRole.mutate({ userId: member.user_id, role });
  }

  return (
    <>
      <PageHeader
        title="Members"
        description={
          <>
            People in <span className="font-medium text-fg">{orgName}</span>{' '}
            <code className="font-mono text-xs">({orgId})</code>
          </>
        }
        actions={
          members.isSuccess &&
          self && (
            <>
              {isAdmin && (
                <Button variant="primary" onClick={() => setInviting(true)}>
                  <UserPlus aria-hidden className="size-4" />
                  Invite member
                </Button>
              )}
              <Button
                onClick={() => setConfirmingLeave(true)}
                disabled={isLastAdmin}
                aria-describedby={isLastAdmin ? lastAdminNoteId : undefined}
              >
                <LogOut aria-hidden className="size-4" />
                Leave organization
              </Button>
            </>
          )
        }
      />

      {isLastAdmin && (
        <p
          id={lastAdminNoteId}
          className="mb-4 flex items-start gap-2 rounded border border-warning/40 bg-warning/10 px-3 py-2 text-sm text-fg"
        >
          <Info aria-hidden className="mt-0.5 size-4 shrink-0 text-warning" />
          <span>
            You are the only admin of {orgName}, so you cannot leave it or change your own role.{' '}
            {LAST_ADMIN_RULE}
          </span>
        </p>
      )}

      {changeRole.error && (
        <FormAlert className="mb-4">
          Could not change the role: {changeRole.error.message}
        </FormAlert>
      )}

      {members.isPending ? (
        <ListSkeleton label="Loading members" />
      ) : members.isError ? (
        <ErrorState
          title={
            isApiError(members.error) && members.error.status === 404
              ? 'Organization not found'
              : 'Could not load members'
          }
          message={
            isApiError(members.error) && members.error.status === 404
              ? `There is no organization ${orgId}, or you are not a member of it.`
              : members.error.message
          }
          onRetry={() => {
            void members.refetch();
            void organization.refetch();
          }}
          retrying={members.isFetching}
        >
          <Link to="/organizations" className={buttonClasses('ghost')}>
            Back to organizations
          </Link>
        </ErrorState>
      ) : members.data.length === 0 ? (
        <EmptyState icon={Users} title="No members">
          Nobody is in this organization. Invite someone with <strong>Invite member</strong>.
        </EmptyState>
      ) : (
        <Table caption={`Members of ${orgName}`}>
          <thead>
            <tr>
              <Th>Email</Th>
              <Th>Name</Th>
              <Th>Role</Th>
              <Th>Joined</Th>
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </thead>
          <tbody>
            {members.data.map((member) => {
              const mine = isSelf(member, self);
              const locked = mine && isLastAdmin;
              return (
                <Tr key={member.user_id}>
                  <Td>
                    <span className="font-medium text-fg">{member.email}</span>
                    {mine && (
                      <Badge tone="accent" className="ml-2">
                        you
                      </Badge>
                    )}
                  </Td>
                  <Td className="text-muted">{member.name || '—'}</Td>
                  <Td className="w-40">
                    {isAdmin ? (
                      <Select
                        size="sm"
                        aria-label={`Role for ${member.email}`}
                        aria-describedby={locked ? lastAdminNoteId : undefined}
                        value={member.role}
                        options={ROLE_OPTIONS}
                        disabled={locked || changeRole.isPending}
                        onValueChange={(role) => requestRoleChange(member, role as Role)}
                      />
                    ) : (
                      <Badge tone={member.role === 'admin' ? 'success' : 'neutral'}>
                        {member.role}
                      </Badge>
                    )}
                  </Td>
                  <Td className="text-muted">
                    <DateText value={member.joined_at} />
                  </Td>
                  <Td>
                    <div className="flex justify-end">
                      {isAdmin && !mine && (
                        <IconButton
                          label={`Remove ${member.email}`}
                          title="Remove from organization"
                          icon={UserX}
                          danger
                          onClick={() => setRemoving(member)}
                        />
                      )}
                    </div>
                  </Td>
                </Tr>
              );
            })}
          </tbody>
        </Table>
      )}

      {isAdmin && (
        <LazyMount when={inviting}>
          <InviteMemberDialog
            orgId={orgId}
            orgName={orgName}
            open={inviting}
            onOpenChange={setInviting}
          />
        </LazyMount>
      )}

      <ConfirmDialog
        open={removing !== null}
        onOpenChange={(open) => {
          if (open) return;
          removeMember.reset();
          setRemoving(null);
        }}
        title="Remove member"
        description={
          removing && (
            <p>
              <strong className="text-fg">{removing.email}</strong> loses access to {orgName} and
              its workspaces. You can invite them again later.
            </p>
          )
        }
        confirmLabel="Remove member"
        onConfirm={() => {
          if (removing) removeMember.mutate(removing, { onSuccess: () => setRemoving(null) });
        }}
        pending={removeMember.isPending}
        error={removeMember.error?.message}
      />

      <ConfirmDialog
        open={confirmingLeave}
        onOpenChange={(open) => {
          if (!open) leave.reset();
          setConfirmingLeave(open);
        }}
        title="Leave organization"
        description={
          <p>You lose access to {orgName} and its workspaces. An admin can invite you again.</p>
        }
        confirmLabel="Leave organization"
        onConfirm={() => {
          if (self)
            leave.mutate(self, {
              onSuccess: () => void navigate('/organizations', { replace: true }),
            });
        }}
        pending={leave.isPending}
        error={leave.error?.message}
      />

      <ConfirmDialog
        open={selfDemotion !== null}
        onOpenChange={(open) => {
          if (!open) setSelfDemotion(null);
        }}
        title="Give up admin rights?"
        description={
          <p>
            As a {selfDemotion} you can no longer invite people, change roles, or create and delete
            workspaces in {orgName}
            {selfDemotion === 'viewer' && ', nor change its tables and files'}. Another admin can
            make you admin again.
          </p>
        }
        confirmLabel={`Make me a ${selfDemotion ?? 'writer'}`}
        tone="primary"
        onConfirm={() => {
          if (self && selfDemotion) changeRole.mutate({ userId: self.user_id, role: selfDemotion });
          setSelfDemotion(null);
        }}
      />
    </>
  );
}

/** Opening an organization's members page makes that organization the selected one. */
function useFollowUrlOrganization(orgId: string) {
  const organizations = useQuery(organizationListQueryOptions());
  const isMine = organizations.data?.some((organization) => organization.id === orgId) ?? false;
  useEffect(() => {
    if (isMine && getSelectedOrgId() !== orgId) setSelectedOrgId(orgId);
  }, [isMine, orgId]);
}
