import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { MyOrganization } from '../../../../contract/organizations';
import { apiError, json, mockApi } from '../../../test/fetch-mock';
import { me, organization } from '../../../test/fixtures';
import { renderScreen } from '../../../test/render';
import { getSelectedOrgId, signIn } from '../../../lib/sign-in-state';
import { OrganizationsScreen } from './organizations-screen';

function renderOrganizations() {
  return renderScreen(<OrganizationsScreen />, { route: '/organizations', path: '/organizations' });
}

describe('Organizations screen', () => {
  beforeEach(() => signIn('token'));

  it('lists organizations with admin-only actions only where you are admin', async () => {
    mockApi({
      'GET /organizations': () =>
        json(200, {
          organizations: [
            organization(),
            organization({ id: 'globex', name: 'Globex', role: 'writer' }),
          ],
        }),
    });
    renderOrganizations();

    expect(screen.getByRole('heading', { level: 1, name: 'Organizations' })).toBeInTheDocument();
    const acmeRow = (await screen.findByText('Acme')).closest('tr')!;
    expect(within(acmeRow).getByRole('button', { name: 'Rename acme' })).toBeInTheDocument();
    expect(within(acmeRow).getByRole('button', { name: 'Delete acme' })).toBeInTheDocument();
    const globexRow = screen.getByText('Globex').closest('tr')!;
    expect(within(globexRow).queryByRole('button', { name: /Rename|Delete/ })).toBeNull();
    expect(within(globexRow).getByRole('link', { name: 'Members of globex' })).toHaveAttribute(
      'href',
      '/organizations/globex/members',
    );
  });

  it('learns your role from the members list when the list does not say it (the hosted API)', async () => {
    const api = mockApi({
      'GET /me': () => json(200, { ...me, id: 'u-me' }),
      'GET /organizations': () =>
        json(200, [
          { id: 'acme', name: 'Acme', creator: 'u-me', created_at: '2025-06-01T12:00:00Z' },
          { id: '7f0c9a1e-0000-4000-8000-000000000001', name: 'Globex', creator: 'u-x' },
        ]),
      'GET /organizations/acme/members': () =>
        json(200, { members: [{ user_id: 'u-me', email: me.email, name: 'me', role: 'ADMIN' }] }),
      'GET /organizations/7f0c9a1e-0000-4000-8000-000000000001/members': () =>
        json(200, { members: [{ user_id: 'u-me', email: me.email, name: 'me', role: 'READ' }] }),
    });
    renderOrganizations();

    const acmeRow = (await screen.findByText('Acme')).closest('tr')!;
    expect(await within(acmeRow).findByText('admin')).toBeInTheDocument();
    expect(within(acmeRow).getByRole('button', { name: 'Rename acme' })).toBeInTheDocument();
    const globexRow = screen.getByText('Globex').closest('tr')!;
    expect(await within(globexRow).findByText('viewer')).toBeInTheDocument();
    expect(within(globexRow).queryByRole('button', { name: /Rename|Delete/ })).toBeNull();
    // Both name and id show, the id with a copy button; no date where the server gave none.
    expect(globexRow).toHaveTextContent('7f0c9a1e-0000-4000-8000-000000000001');
    expect(
      within(globexRow).getByRole('button', { name: 'Copy the id of Globex' }),
    ).toBeInTheDocument();
    expect(within(globexRow).getByLabelText('Unknown')).toBeInTheDocument();
    expect(
      api.calls('GET /organizations/acme/members')[0]!.headers.get('X-Activeloop-Org-Id'),
    ).toBe('acme');
  });

  it('says what to do when you have no organization', async () => {
    mockApi({ 'GET /organizations': () => json(200, { organizations: [] }) });
    renderOrganizations();

    expect(await screen.findByText('You are not in any organization yet')).toBeInTheDocument();
  });

  it('shows a load error in place with a working Retry button', async () => {
    let attempts = 0;
    mockApi({
      'GET /organizations': () =>
        ++attempts === 1
          ? apiError(500, 'internal', 'Internal server error')
          : json(200, { organizations: [organization()] }),
    });
    const { user } = renderOrganizations();

    expect(await screen.findByRole('alert')).toHaveTextContent('Internal server error');
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('Acme')).toBeInTheDocument();
  });

  describe('New organization dialog', () => {
    it('explains which identifier rule the ID breaks as you type', async () => {
      mockApi({ 'GET /organizations': () => json(200, { organizations: [] }) });
      const { user } = renderOrganizations();

      await user.click(screen.getByRole('button', { name: 'New organization' }));
      const dialog = await screen.findByRole('dialog', { name: 'New organization' });
      const id = within(dialog).getByLabelText('ID');

      await user.type(id, '-acme');
      expect(id).toHaveAccessibleDescription(/ID must start with a lower-case letter or a digit/);
      expect(id).toHaveAttribute('aria-invalid', 'true');

      await user.clear(id);
      await user.type(id, 'Acme');
      expect(
        within(dialog).getByText('ID must start with a lower-case letter or a digit'),
      ).toBeInTheDocument();

      await user.clear(id);
      await user.type(id, 'ac me');
      expect(
        within(dialog).getByText(
          /may only contain lower-case letters, digits, "_" and "-" \(found " "\)/,
        ),
      ).toBeInTheDocument();

      // An organization id may be a UUID, as the hosted service's are.
      await user.clear(id);
      await user.type(id, '0c7e4d2a-5f1b-4c3e-9a8d-1b2c3d4e5f60');
      expect(id).not.toHaveAttribute('aria-invalid');

      await user.clear(id);
      await user.type(id, 'acme-2');
      expect(id).not.toHaveAttribute('aria-invalid');
    });

    it('does not send an invalid form', async () => {
      const api = mockApi({ 'GET /organizations': () => json(200, { organizations: [] }) });
      const { user } = renderOrganizations();

      await user.click(screen.getByRole('button', { name: 'New organization' }));
      await user.click(screen.getByRole('button', { name: 'Create organization' }));

      expect(screen.getByText('ID is required')).toBeInTheDocument();
      expect(await screen.findByLabelText('ID')).toHaveFocus();
      expect(api.calls('POST /organizations')).toHaveLength(0);
    });

    it('creates the organization, selects it and shows it in the list', async () => {
      const organizations: MyOrganization[] = [];
      const api = mockApi({
        'GET /organizations': () => json(200, { organizations }),
        'GET /me': () => json(200, me),
        'POST /organizations': ({ body }) => {
          const created = {
            ...(body as { id: string; name: string }),
            creator: me.id,
            created_at: '2024-05-01T00:00:00Z',
          };
          organizations.push({ ...created, role: 'admin' });
          return json(201, { organization: created });
        },
      });
      const { user } = renderOrganizations();

      await user.click(await screen.findByRole('button', { name: 'New organization' }));
      await user.type(await screen.findByLabelText('ID'), 'initech');
      await user.type(screen.getByLabelText('Name'), '  Initech  ');
      await user.click(screen.getByRole('button', { name: 'Create organization' }));

      await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
      expect(api.calls('POST /organizations')[0]?.body).toEqual({ id: 'initech', name: 'Initech' });
      expect(await screen.findByText('Organization Initech created')).toBeInTheDocument();
      expect(await screen.findByRole('cell', { name: 'initech' })).toBeInTheDocument();
      expect(getSelectedOrgId()).toBe('initech');
    });

    it('shows a server refusal inline and keeps what was typed', async () => {
      mockApi({
        'GET /organizations': () => json(200, { organizations: [] }),
        'POST /organizations': () =>
          apiError(409, 'conflict', 'An organization with id "acme" already exists'),
      });
      const { user } = renderOrganizations();

      await user.click(screen.getByRole('button', { name: 'New organization' }));
      await user.type(await screen.findByLabelText('ID'), 'acme');
      await user.type(screen.getByLabelText('Name'), 'Acme again');
      await user.click(screen.getByRole('button', { name: 'Create organization' }));

      const dialog = await screen.findByRole('dialog', { name: 'New organization' });
      expect(await within(dialog).findByRole('alert')).toHaveTextContent(
        'An organization with id "acme" already exists',
      );
      expect(within(dialog).getByLabelText('ID')).toHaveValue('acme');
      expect(within(dialog).getByLabelText('Name')).toHaveValue('Acme again');
    });
  });

  it('renames an organization', async () => {
    const api = mockApi({
      'GET /organizations': () => json(200, { organizations: [organization()] }),
      'PATCH /organizations/acme': ({ body }) =>
        json(200, { organization: { ...organization(), ...(body as object) } }),
    });
    const { user } = renderOrganizations();

    await user.click(await screen.findByRole('button', { name: 'Rename acme' }));
    const name = within(
      await screen.findByRole('dialog', { name: 'Rename organization' }),
    ).getByLabelText('Name');
    expect(name).toHaveValue('Acme');
    await user.clear(name);
    await user.type(name, 'Acme Corp');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(api.calls('PATCH /organizations/acme')[0]?.body).toEqual({ name: 'Acme Corp' });
  });

  it('deletes an organization after its id is typed', async () => {
    let organizations = [organization(), organization({ id: 'globex', name: 'Globex' })];
    const api = mockApi({
      'GET /organizations': () => json(200, { organizations }),
      'GET /me': () => json(200, me),
      'DELETE /organizations/acme': () => {
        organizations = organizations.filter((o) => o.id !== 'acme');
        return json(204);
      },
    });
    const { user } = renderOrganizations();

    await user.click(await screen.findByRole('button', { name: 'Delete acme' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Delete organization' });
    expect(dialog).toHaveTextContent('all its workspaces, tables and files');
    await user.type(within(dialog).getByLabelText('Type acme to confirm'), 'acme');
    await user.click(within(dialog).getByRole('button', { name: 'Delete organization' }));

    await waitFor(() => expect(screen.queryByText('Acme')).not.toBeInTheDocument());
    expect(api.calls('DELETE /organizations/acme')).toHaveLength(1);
    expect(screen.getByText('Globex')).toBeInTheDocument();
  });
});
