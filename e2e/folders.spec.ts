import type { Page } from '@playwright/test';
import { expect, expectAccessible, test, uniqueId, type Api } from './fixtures';

/**
 * Folders in the gallery (issue 16), on the real server: make one, open it (the address and the
 * breadcrumbs say where), upload into it, move files in by the menu and by dragging, and come
 * back through the breadcrumbs; a reload keeps the folder.
 */

interface DriveFile {
  id: string;
  filename: string;
  path: string;
}

/** A small text file: stored as it is, its name and bytes enough to find it again. */
const text = (name: string) => ({ name, mimeType: 'text/plain', buffer: Buffer.from(name) });

async function newWorkspace(api: Api) {
  const orgId = uniqueId('org');
  const workspaceId = `ws_${uniqueId('folders').replace(/-/g, '_')}`;
  await api.createOrganization(orgId, `Folders ${orgId}`);
  await api.createWorkspace(orgId, workspaceId, 'Drive');
  return { orgId, workspaceId };
}

/** Every file's path, by name, as the server has it now. */
async function pathsOf(api: Api, orgId: string, workspaceId: string) {
  const files = (await api.files(orgId, workspaceId)) as unknown as DriveFile[];
  return Object.fromEntries(files.map((file) => [file.filename, file.path]));
}

async function uploadInto(api: Api, orgId: string, workspaceId: string, name: string) {
  const answer = await api.request.post(`/api/workspaces/${workspaceId}/files?folder=drive`, {
    headers: api.headers(orgId),
    multipart: { file: text(name) },
  });
  expect(answer.status(), await answer.text()).toBe(201);
}

function tile(page: Page, filename: string) {
  return page
    .getByRole('listitem')
    .filter({ has: page.getByRole('button', { name: `Open ${filename}` }) });
}

const folderPath = (page: Page) => page.getByRole('navigation', { name: 'Folder path' });

test.describe('Folders', () => {
  test('makes a folder, opens it, uploads into it and moves files in', async ({
    page,
    signIn,
    adminApi,
  }) => {
    const { orgId, workspaceId } = await newWorkspace(adminApi);
    await uploadInto(adminApi, orgId, workspaceId, 'beach.txt');
    await uploadInto(adminApi, orgId, workspaceId, 'cat.txt');
    await uploadInto(adminApi, orgId, workspaceId, 'dog.txt');
    await signIn();
    await page.getByLabel('Organization', { exact: true }).selectOption(orgId);
    await page.goto(`/workspaces/${workspaceId}/files`);
    await expect(folderPath(page).getByRole('link', { name: 'drive' })).toHaveAttribute(
      'aria-current',
      'page',
    );

    // Make a folder.
    await page.getByRole('button', { name: 'New folder' }).click();
    const create = page.getByRole('dialog', { name: 'New folder' });
    await create.getByLabel('Folder name').fill('..');
    await create.getByRole('button', { name: 'Create folder' }).click();
    await expect(create.getByText('A name cannot be . or ..')).toBeVisible();
    await create.getByLabel('Folder name').fill('pets');
    await create.getByRole('button', { name: 'Create folder' }).click();
    await expect(create).toBeHidden();
    const folders = page.getByRole('list', { name: 'Folders in Drive' });
    await expect(folders.getByRole('link', { name: 'pets' })).toBeVisible();

    // Move one file in by its menu.
    await page.getByRole('button', { name: 'Actions for beach.txt' }).click();
    await page.getByRole('menuitem', { name: 'Move to folder…' }).click();
    const move = page.getByRole('dialog', { name: 'Move beach.txt' });
    await move
      .getByRole('list', { name: 'Folders in drive' })
      .getByRole('button', { name: 'pets' })
      .click();
    await expect(move.getByLabel('Destination folder')).toHaveValue('drive/pets');
    await move.getByRole('button', { name: 'Move file' }).click();
    await expect(move).toBeHidden();
    await expect(tile(page, 'beach.txt')).toBeHidden();

    // And one by dragging its tile onto the folder.
    await tile(page, 'cat.txt').dragTo(folders.getByRole('listitem').filter({ hasText: 'pets' }));
    await expect(page.getByText('Moved cat.txt to pets')).toBeVisible();
    await expect(tile(page, 'cat.txt')).toBeHidden();
    await expect(tile(page, 'dog.txt')).toBeVisible();
    expect(await pathsOf(adminApi, orgId, workspaceId)).toEqual({
      'beach.txt': 'drive/pets/beach.txt',
      'cat.txt': 'drive/pets/cat.txt',
      'dog.txt': 'drive/dog.txt',
    });

    // Open it: the address and the breadcrumbs say where.
    await folders.getByRole('link', { name: 'pets' }).click();
    await expect(page).toHaveURL(/[?&]folder=drive%2Fpets(&|$)/);
    await expect(folderPath(page).getByRole('link', { name: 'pets' })).toHaveAttribute(
      'aria-current',
      'page',
    );
    const inPets = page.getByRole('list', { name: 'Files in pets, page 1' });
    await expect(inPets.getByRole('listitem')).toHaveCount(2);

    // Upload into the folder shown.
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Upload files' }).first().click();
    await (await chooser).setFiles(text('parrot.txt'));
    const uploads = page.getByRole('region', { name: 'Uploads' });
    await expect(uploads.getByText('into pets')).toBeVisible();
    await expect(uploads.getByRole('heading')).toHaveText('1 file uploaded');
    await expect(tile(page, 'parrot.txt')).toBeVisible();
    expect((await pathsOf(adminApi, orgId, workspaceId))['parrot.txt']).toBe(
      'drive/pets/parrot.txt',
    );
    await expectAccessible(page);

    // A reload keeps the folder.
    await page.reload();
    await expect(inPets.getByRole('listitem')).toHaveCount(3);
    await expect(folderPath(page).getByRole('link', { name: 'pets' })).toHaveAttribute(
      'aria-current',
      'page',
    );

    // Back to the top through the breadcrumbs; Back in the browser returns to the folder.
    await folderPath(page).getByRole('link', { name: 'drive' }).click();
    await expect(page).toHaveURL(new RegExp(`/workspaces/${workspaceId}/files$`));
    await expect(tile(page, 'dog.txt')).toBeVisible();
    await page.goBack();
    await expect(page).toHaveURL(/[?&]folder=drive%2Fpets(&|$)/);
    await expect(inPets.getByRole('listitem')).toHaveCount(3);
  });

  test('moves the selected files by dragging them onto a breadcrumb, and deletes an empty folder', async ({
    page,
    signIn,
    adminApi,
  }) => {
    const { orgId, workspaceId } = await newWorkspace(adminApi);
    await adminApi.post(`/workspaces/${workspaceId}/folders`, { path: 'drive/a/b' }, orgId);
    await adminApi.post(`/workspaces/${workspaceId}/folders`, { path: 'drive/empty' }, orgId);
    for (const name of ['one.txt', 'two.txt', 'three.txt']) {
      const answer = await adminApi.request.post(
        `/api/workspaces/${workspaceId}/files?folder=drive/a/b`,
        { headers: adminApi.headers(orgId), multipart: { file: text(name) } },
      );
      expect(answer.status()).toBe(201);
    }
    await signIn();
    await page.getByLabel('Organization', { exact: true }).selectOption(orgId);
    await page.goto(`/workspaces/${workspaceId}/files?folder=drive/a/b`);
    const here = page.getByRole('list', { name: 'Files in b, page 1' });
    await expect(here.getByRole('listitem')).toHaveCount(3);

    await here.getByRole('checkbox', { name: 'Select one.txt' }).check();
    await here.getByRole('checkbox', { name: 'Select two.txt' }).check();
    await tile(page, 'one.txt').dragTo(folderPath(page).getByRole('link', { name: 'a' }));
    await expect(page.getByText('Moved 2 files to a')).toBeVisible();
    await expect(here.getByRole('listitem')).toHaveCount(1);
    expect(await pathsOf(adminApi, orgId, workspaceId)).toEqual({
      'one.txt': 'drive/a/one.txt',
      'two.txt': 'drive/a/two.txt',
      'three.txt': 'drive/a/b/three.txt',
    });

    // The folder with files is not deleted, and says why; the empty one is.
    await folderPath(page).getByRole('link', { name: 'drive' }).click();
    const folders = page.getByRole('list', { name: 'Folders in Drive' });
    await folders.getByRole('button', { name: 'Actions for folder a' }).click();
    await page.getByRole('menuitem', { name: 'Delete folder' }).click();
    const refusal = page.getByRole('alertdialog', { name: 'Delete folder a' });
    await refusal.getByRole('button', { name: 'Delete folder' }).click();
    await expect(refusal.getByRole('alert')).toContainText(
      'The folder drive/a is not empty (3 files and 1 folder in it)',
    );
    await refusal.getByRole('button', { name: 'Cancel' }).click();
    await folders.getByRole('button', { name: 'Actions for folder empty' }).click();
    await page.getByRole('menuitem', { name: 'Delete folder' }).click();
    await page
      .getByRole('alertdialog', { name: 'Delete folder empty' })
      .getByRole('button', { name: 'Delete folder' })
      .click();
    await expect(folders.getByRole('link', { name: 'empty' })).toBeHidden();
    await expect(folders.getByRole('link', { name: 'a' })).toBeVisible();
  });
});
