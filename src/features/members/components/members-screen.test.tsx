import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Me } from '../../../../contract/me';
import type { Member } from '../../../../contract/organizations';
import { getSelectedOrgId, signIn } from '../../../lib/sign-in-state';
import { apiError, json, mockApi } from '../../../test/fetch-mock';
import { me as ada, member, organization } from '../../../test/fixtures';
import { renderScreen } from '../../../test/render';
import { LAST_ADMIN_RULE } from '../member-permissions';
import { MembersScreen } from './members-screen';

const bob: Member = member({
  user_id: 'u-bob',
  email: 'bob@example.com',
  name: 'Bob',
  role: 'writer',
});
const carol: Member = member({ user_id: 'u-carol', email: 'carol@example.com', name: 'Carol' });
const adaAsMember: Member = member();

function fakeApi(
  { signedIn, members }: { signedIn: Me; members: Member[] },
  extra: Parameters<typeof mockApi>[0] = {},
) {
  return mockApi({
    'GET /me': () => json(200, signedIn),
    'GET /organizations': () =>
      json(200, {
        organizations: [
          organization({ role: members.find((m) => m.user_id === signedIn.id)?.role }),
        ],
      }),
    'GET /organizations/acme': () => json(200, { organization: organization() }),
    'GET /organizations/acme/members': () => json(200, { members }),
    ...extra,
  });
}

function renderMembers() {
  return renderScreen(<MembersScreen />, {
    route: '/organizations/acme/members',
    path: '/organizations/:orgId/members',
  });
}

describe('Members screen', () => {
  beforeEach(() => signIn('token'));

  it('shows a member the list but none of the admin actions', async () => {
    const bobSignedIn: Me = { ...ada, id: 'u-bob', email: 'bob@example.com' };
    fakeApi({ signedIn: bobSignedIn, members: [adaAsMember, bob] });
    renderMembers();

    expect(screen.getByRole('heading', { level: 1, name: 'Members' })).toBeInTheDocument();
    expect(await screen.findByText('ada@example.com')).toBeInTheDocument();
    expect(screen.getByText('bob@example.com')).toBeInTheDocument();
    expect(await screen.findByRole('button', { name: 'Leave organization' })).toBeEnabled();

    expect(screen.queryByRole('button', { name: 'Invite member' })).not.toBeInTheDocument();
    expect(screen.queryByRole('combobox', { name: /^Role for/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Remove / })).not.toBeInTheDocument();
    expect(screen.queryByText(LAST_ADMIN_RULE, { exact: false })).not.toBeInTheDocument();
  });

  it('explains the last-admin rule and locks the only admin out of leaving or demoting', async () => {
    fakeApi({ signedIn: ada, members: [adaAsMember, bob] });
    renderMembers();

    const leave = await screen.findByRole('button', { name: 'Leave organization' });
    expect(leave).toBeDisabled();
    expect(leave).toHaveAccessibleDescription(
      expect.stringContaining(
        'An organization needs at least one admin: make someone else admin first.',
      ),
    );
    expect(screen.getByRole('combobox', { name: 'Role for ada@example.com' })).toBeDisabled();
    expect(
      screen.queryByRole('button', { name: 'Remove ada@example.com' }),
    ).not.toBeInTheDocument();

    // Everyone else stays manageable.
    expect(screen.getByRole('combobox', { name: 'Role for bob@example.com' })).toBeEnabled();
    expect(screen.getByRole('button', { name: 'Remove bob@example.com' })).toBeEnabled();
    expect(screen.getByRole('button', { name: 'Invite member' })).toBeInTheDocument();
  });

  it('lets an admin leave when another admin remains', async () => {
    fakeApi({ signedIn: ada, members: [adaAsMember, carol] });
    renderMembers();

    expect(await screen.findByRole('button', { name: 'Leave organization' })).toBeEnabled();
    expect(screen.getByRole('combobox', { name: 'Role for ada@example.com' })).toBeEnabled();
    expect(screen.queryByText(LAST_ADMIN_RULE, { exact: false })).not.toBeInTheDocument();
  });

  it("changes a member's role", async () => {
    const api = fakeApi(
      { signedIn: ada, members: [adaAsMember, bob] },
      {
        'PATCH /organizations/acme/members/u-bob': () =>
          json(200, { member: { ...bob, role: 'admin' } }),
      },
    );
    const { user } = renderMembers();

    await user.click(await screen.findByRole('combobox', { name: 'Role for bob@example.com' }));
    await user.click(await screen.findByRole('option', { name: 'Admin' }));

    await waitFor(() =>
      expect(api.calls('PATCH /organizations/acme/members/u-bob')[0]?.body).toEqual({
        role: 'admin',
      }),
    );
    expect(await screen.findByText('bob@example.com is now an admin')).toBeInTheDocument();
  });

  it("shows the server's 409 message when a role change is refused", async () => {
    fakeApi(
      { signedIn: ada, members: [adaAsMember, carol] },
      {
        'PATCH /organizations/acme/members/u-carol': () =>
          apiError(409, 'conflict', 'The last admin of an organization cannot be demoted'),
      },
    );
    const { user } = renderMembers();

    await user.click(await screen.findByRole('combobox', { name: 'Role for carol@example.com' }));
    await user.click(await screen.findByRole('option', { name: 'Writer' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The last admin of an organization cannot be demoted',
    );
  });

  it('asks before an admin gives up their own admin rights', async () => {
    const api = fakeApi(
      { signedIn: ada, members: [adaAsMember, carol] },
      {
        'PATCH /organizations/acme/members/u-ada': () =>
          json(200, { member: { ...adaAsMember, role: 'viewer' } }),
      },
    );
    const { user } = renderMembers();

    await user.click(await screen.findByRole('combobox', { name: 'Role for ada@example.com' }));
    await user.click(await screen.findByRole('option', { name: 'Viewer' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Give up admin rights?' });
    expect(dialog).toHaveTextContent('nor change its tables and files');
    expect(api.calls('PATCH /organizations/acme/members/u-ada')).toHaveLength(0);

    await user.click(within(dialog).getByRole('button', { name: 'Make me a viewer' }));
    await waitFor(() =>
      expect(api.calls('PATCH /organizations/acme/members/u-ada')[0]?.body).toEqual({
        role: 'viewer',
      }),
    );
  });

  it('removes another member after confirmation', async () => {
    let members = [adaAsMember, bob];
    const api = fakeApi(
      { signedIn: ada, members },
      {
        'GET /organizations/acme/members': () => json(200, { members }),
        'DELETE /organizations/acme/members/u-bob': () => {
          members = [adaAsMember];
          return json(204);
        },
      },
    );
    const { user } = renderMembers();

    await user.click(await screen.findByRole('button', { name: 'Remove bob@example.com' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Remove member' });
    await user.click(within(dialog).getByRole('button', { name: 'Remove member' }));

    await waitFor(() =>
      expect(screen.queryByText('bob@example.com', { selector: 'td span' })).toBeNull(),
    );
    expect(api.calls('DELETE /organizations/acme/members/u-bob')).toHaveLength(1);
  });

  it('lets a member leave and goes back to the organizations', async () => {
    const bobSignedIn: Me = { ...ada, id: 'u-bob', email: 'bob@example.com' };
    const api = fakeApi(
      { signedIn: bobSignedIn, members: [adaAsMember, bob] },
      { 'DELETE /organizations/acme/members/u-bob': () => json(204) },
    );
    const { user, router } = renderMembers();

    await user.click(await screen.findByRole('button', { name: 'Leave organization' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Leave organization' });
    await user.click(within(dialog).getByRole('button', { name: 'Leave organization' }));

    await waitFor(() => expect(router.state.location.pathname).toBe('/organizations'));
    expect(api.calls('DELETE /organizations/acme/members/u-bob')).toHaveLength(1);
    expect(getSelectedOrgId()).toBeNull();
  });

  it('invites by email and shows the invite link of the bundled server with a copy button', async () => {
    const dave = member({ user_id: 'u-dave', email: 'dave@example.com', name: '', role: 'writer' });
    const api = fakeApi(
      { signedIn: ada, members: [adaAsMember] },
      {
        'POST /organizations/acme/members': () =>
          json(201, { member: dave, invite_link: 'http://127.0.0.1:8080/#token=one-time' }),
      },
    );
    const { user } = renderMembers();

    await user.click(await screen.findByRole('button', { name: 'Invite member' }));
    const dialog = await screen.findByRole('dialog', { name: 'Invite member' });
    await user.type(within(dialog).getByLabelText('Email'), 'not-an-email');
    await user.click(within(dialog).getByRole('button', { name: 'Send invite' }));
    expect(within(dialog).getByText('Enter a valid email address.')).toBeInTheDocument();

    await user.clear(within(dialog).getByLabelText('Email'));
    await user.type(within(dialog).getByLabelText('Email'), 'Dave@Example.com');
    expect(within(dialog).getByRole('combobox', { name: 'Role' })).toHaveTextContent('Writer');
    expect(within(dialog).getByRole('combobox', { name: 'Role' })).toHaveAccessibleDescription(
      'Writer: also changes tables and files.',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Send invite' }));

    expect(await within(dialog).findByLabelText('Invite link')).toHaveValue(
      'http://127.0.0.1:8080/#token=one-time',
    );
    // A writer goes out as `member`, the name the hosted service knows too.
    expect(api.calls('POST /organizations/acme/members')[0]?.body).toEqual({
      email: 'dave@example.com',
      role: 'member',
    });
    await user.click(within(dialog).getByRole('button', { name: 'Copy invite link' }));
    expect(await navigator.clipboard.readText()).toBe('http://127.0.0.1:8080/#token=one-time');
  });

  it('offers the three roles, each with what it may do', async () => {
    fakeApi({ signedIn: ada, members: [adaAsMember, bob] });
    const { user } = renderMembers();

    const role = await screen.findByRole('combobox', { name: 'Role for bob@example.com' });
    expect(role).toHaveTextContent('Writer');
    await user.click(role);
    const options = await screen.findAllByRole('option');
    expect(options.map((option) => option.textContent)).toEqual([
      'ViewerReads tables and files, runs read-only SQL',
      'WriterAlso changes tables and files',
      'AdminAlso manages the organization, members and workspaces',
    ]);
    // Named by the role alone, as a person picks it.
    expect(screen.getByRole('option', { name: 'Viewer' })).toBe(options[0]);
  });

  it('invites a viewer, saying what a viewer may do', async () => {
    const api = fakeApi(
      { signedIn: ada, members: [adaAsMember] },
      {
        'POST /organizations/acme/members': () => json(201, { member: { ...bob, role: 'viewer' } }),
      },
    );
    const { user } = renderMembers();

    await user.click(await screen.findByRole('button', { name: 'Invite member' }));
    const dialog = await screen.findByRole('dialog', { name: 'Invite member' });
    await user.type(within(dialog).getByLabelText('Email'), 'bob@example.com');
    await user.click(within(dialog).getByRole('combobox', { name: 'Role' }));
    await user.click(await screen.findByRole('option', { name: 'Viewer' }));
    expect(within(dialog).getByRole('combobox', { name: 'Role' })).toHaveAccessibleDescription(
      'Viewer: reads tables and files, runs read-only SQL.',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Send invite' }));

    expect(await screen.findByText('bob@example.com added as viewer')).toBeInTheDocument();
    expect(api.calls('POST /organizations/acme/members')[0]?.body).toEqual({
      email: 'bob@example.com',
      role: 'viewer',
    });
  });

  it("reads the hosted service's member as a writer", async () => {
    const hostedBob = { user_id: 'u-bob', email: 'bob@example.com', name: 'Bob', role: 'member' };
    fakeApi({ signedIn: ada, members: [adaAsMember, hostedBob as Member] });
    renderMembers();
    expect(
      await screen.findByRole('combobox', { name: 'Role for bob@example.com' }),
    ).toHaveTextContent('Writer');
  });

  it('says so when the organization does not exist or you are not in it', async () => {
    mockApi({
      'GET /me': () => json(200, ada),
      'GET /organizations': () => json(200, { organizations: [] }),
      'GET /organizations/nope/members': () => apiError(404, 'not_found', 'organization not found'),
      'GET /organizations/nope': () => apiError(404, 'not_found', 'organization not found'),
    });
    renderScreen(<MembersScreen />, {
      route: '/organizations/nope/members',
      path: '/organizations/:orgId/members',
    });

    expect(
      await screen.findByRole('heading', { name: 'Organization not found' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Retry' })).toBeInTheDocument();
  });
});
