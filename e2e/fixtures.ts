import AxeBuilder from '@axe-core/playwright';
import {
  test as base,
  expect,
  type APIRequestContext,
  type APIResponse,
  type Page,
} from '@playwright/test';
import { E2E_ADMIN_TOKEN } from '../playwright.config';

export { expect };
export const ADMIN_TOKEN = E2E_ADMIN_TOKEN;
/** The first admin the server makes on its first start (ADMIN_EMAIL in playwright.config.ts). */
export const ADMIN_EMAIL = 'admin@example.com';
export const DEFAULT_ORG = { id: 'default', name: 'Default organization' };

/** A short suffix that keeps ids of one test apart from every other test on the shared server. */
export function uniqueId(prefix: string) {
  return `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/** An email nobody on the server has yet, so inviting it creates a user and an invite link. */
export function uniqueEmail(prefix = 'user') {
  return `${uniqueId(prefix)}@example.com`;
}

/** The token inside a sign-in link such as `http://127.0.0.1:8181/#token=abc`. */
export function tokenFromLink(link: string): string {
  const token = new URLSearchParams(new URL(link).hash.slice(1)).get('token');
  expect(token, `a token in ${link}`).toBeTruthy();
  return token!;
}

/** Fails on any serious or critical accessibility violation of what the page shows now. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical',
  );
  expect(
    serious.map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    ),
  ).toEqual([]);
}

/** An organization's row on the Organizations page, found by its id (its Members link names it). */
export function organizationRow(page: Page, orgId: string) {
  return page
    .getByRole('table', { name: 'Your organizations' })
    .getByRole('row')
    .filter({ has: page.getByRole('link', { name: `Members of ${orgId}`, exact: true }) });
}

export interface Organization {
  id: string;
  name: string;
  /** The creating user's id. */
  creator?: string | null;
  /** The caller's role: the bundled server's extra to the hosted shape. */
  role?: string;
}
export interface Member {
  user_id: string;
  email: string;
  role: string;
}
export interface Workspace {
  id: string;
  name: string;
  org_id: string;
}
export interface StoredFile {
  id: string;
  filename: string;
  content_type: string;
  size: number;
  created_at: string;
  /** Where it is in the drive (the bundled server's extra). */
  path?: string;
}

/**
 * The real API as one user sees it, for setting up state a test is not about and for
 * confirming what the UI claims. Never a mock: every call goes to the server under test.
 */
export class Api {
  constructor(
    readonly request: APIRequestContext,
    readonly token: string,
  ) {}

  headers(orgId?: string): Record<string, string> {
    return {
      Authorization: `Bearer ${this.token}`,
      ...(orgId ? { 'X-Activeloop-Org-Id': orgId } : {}),
    };
  }

  get(path: string, orgId?: string): Promise<APIResponse> {
    return this.request.get(`/api${path}`, { headers: this.headers(orgId) });
  }

  post(path: string, data: unknown, orgId?: string): Promise<APIResponse> {
    return this.request.post(`/api${path}`, { headers: this.headers(orgId), data });
  }

  patch(path: string, data: unknown, orgId?: string): Promise<APIResponse> {
    return this.request.patch(`/api${path}`, { headers: this.headers(orgId), data });
  }

  delete(path: string, orgId?: string): Promise<APIResponse> {
    return this.request.delete(`/api${path}`, { headers: this.headers(orgId) });
  }

  private async json<T>(response: Promise<APIResponse>, status: number): Promise<T> {
    const answer = await response;
    expect(answer.status(), `${answer.url()}: ${await answer.text()}`).toBe(status);
    return (await answer.json()) as T;
  }

  /** A bare array, as the hosted service answers. */
  async organizations(): Promise<Organization[]> {
    return this.json<Organization[]>(this.get('/organizations'), 200);
  }

  async createOrganization(id: string, name: string): Promise<Organization> {
    return (
      await this.json<{ organization: Organization }>(
        this.post('/organizations', { id, name }),
        201,
      )
    ).organization;
  }

  async members(orgId: string): Promise<Member[]> {
    return (
      await this.json<{ members: Member[] }>(this.get(`/organizations/${orgId}/members`), 200)
    ).members;
  }

  /** Adds someone; for an email with no account the bundled server answers with a sign-in link. */
  async invite(
    orgId: string,
    email: string,
    role: 'admin' | 'writer' | 'viewer' = 'writer',
  ): Promise<{ member: Member; invite_link?: string }> {
    return this.json(this.post(`/organizations/${orgId}/members`, { email, role }), 201);
  }

  /** `{data: [...]}`, as the hosted service answers. */
  async workspaces(orgId: string): Promise<Workspace[]> {
    return (await this.json<{ data: Workspace[] }>(this.get('/workspaces', orgId), 200)).data;
  }

  async createWorkspace(orgId: string, id: string, name: string): Promise<Workspace> {
    return (
      await this.json<{ workspace: Workspace }>(this.post('/workspaces', { id, name }, orgId), 201)
    ).workspace;
  }

  /** A workspace of its own for one test, in the admin's default organization; its id. */
  async newWorkspace(prefix: string, orgId = DEFAULT_ORG.id): Promise<string> {
    const id = uniqueId(prefix);
    await this.createWorkspace(orgId, id, `${prefix} ${id}`);
    return id;
  }

  // Files (issue 6): setting up and checking a workspace's files.

  /**
   * Stores a file as an upload from the console would (multipart field `file`). Without a
   * `folder`, the server puts it where its type goes: `drive`, or `drive/others` for a type
   * that is not an image, audio or video file of the older File API's lists.
   */
  async uploadFile(
    orgId: string,
    workspaceId: string,
    file: { name: string; mimeType: string; buffer: Buffer },
    { folder }: { folder?: string } = {},
  ): Promise<StoredFile> {
    const query = folder === undefined ? '' : `?folder=${encodeURIComponent(folder)}`;
    const answer = await this.request.post(`/api/workspaces/${workspaceId}/files${query}`, {
      headers: this.headers(orgId),
      multipart: { file },
    });
    expect(answer.status(), `${answer.url()}: ${await answer.text()}`).toBe(201);
    return (await answer.json()) as StoredFile;
  }

  /** Every file of a workspace (up to 1000), newest first. */
  async files(orgId: string, workspaceId: string): Promise<StoredFile[]> {
    return (
      await this.json<{ files: StoredFile[] }>(
        this.get(`/workspaces/${workspaceId}/files?limit=1000`, orgId),
        200,
      )
    ).files;
  }

  /** A file's bytes. */
  async fileContent(orgId: string, workspaceId: string, fileId: string): Promise<Buffer> {
    const answer = await this.get(`/workspaces/${workspaceId}/files/${fileId}/content`, orgId);
    expect(answer.status()).toBe(200);
    return answer.body();
  }

  // Tables (issue 4)

  /** One statement through the query endpoint, as the console sends it. */
  async query(
    orgId: string,
    workspaceId: string,
    query: string,
    params: unknown[] = [],
  ): Promise<{ columns: string[]; rows: unknown[][]; row_count: number; types?: string[] }> {
    return this.json(
      this.post(`/workspaces/${workspaceId}/tables/query`, { query, params }, orgId),
      200,
    );
  }

  async tables(
    orgId: string,
    workspaceId: string,
  ): Promise<{ table_name: string; row_count: number; size_mb: number }[]> {
    return (
      await this.json<{ tables: { table_name: string; row_count: number; size_mb: number }[] }>(
        this.get(`/workspaces/${workspaceId}/tables`, orgId),
        200,
      )
    ).tables;
  }

  async table(
    orgId: string,
    workspaceId: string,
    table: string,
  ): Promise<{
    table_name: string;
    row_count: number;
    columns: { name: string; type: string; nullable: boolean; default: string | null }[];
  }> {
    return this.json(this.get(`/workspaces/${workspaceId}/tables/${table}`, orgId), 200);
  }
}

interface Fixtures {
  /** Signs the test's page in through a sign-in link and waits for the Organizations page. */
  signIn: (token?: string) => Promise<void>;
  /** The real API as the first admin. */
  adminApi: Api;
  /** The real API with any token. */
  apiAs: (token: string) => Api;
  /**
   * A second person in their own browser (a new context: no shared storage), signed in by
   * opening a sign-in link, as they would from the invite they were given.
   */
  openAsAnotherUser: (signInLink: string) => Promise<Page>;
}

export const test = base.extend<Fixtures & { contentSecurityPolicy: void }>({
  // Toasts fade in and out; mid-fade their colours make axe report false contrast failures.
  reducedMotion: 'reduce',

  // Every test also checks that the pages' Content-Security-Policy refused nothing they do.
  contentSecurityPolicy: [
    async ({ page }, use) => {
      const refused: string[] = [];
      page.on('console', (message) => {
        const text = message.text();
        // Cut short: a refused data: URL would fill the report.
        if (/Content Security Policy/i.test(text)) refused.push(text.slice(0, 300));
      });
      await use();
      expect(refused, 'what the Content-Security-Policy refused').toEqual([]);
    },
    { auto: true },
  ],

  signIn: async ({ page }, use) => {
    await use(async (token = ADMIN_TOKEN) => {
      await page.goto(`/#token=${token}`);
      await expect(page.getByRole('heading', { name: 'Organizations', level: 1 })).toBeVisible();
    });
  },

  adminApi: async ({ request }, use) => {
    await use(new Api(request, ADMIN_TOKEN));
  },

  apiAs: async ({ request }, use) => {
    await use((token) => new Api(request, token));
  },

  openAsAnotherUser: async ({ browser, baseURL, reducedMotion }, use) => {
    const contexts: Awaited<ReturnType<typeof browser.newContext>>[] = [];
    await use(async (signInLink) => {
      const context = await browser.newContext({ baseURL, reducedMotion });
      contexts.push(context);
      const page = await context.newPage();
      await page.goto(signInLink);
      await expect(page.getByRole('heading', { name: 'Organizations', level: 1 })).toBeVisible();
      return page;
    });
    for (const context of contexts) await context.close();
  },
});
