export interface TokenSnippet {
  id: 'env' | 'curl' | 'python';
  title: string;
  /** What the copy button says it copies: "Copy environment variables". */
  what: string;
  code: string;
}

/** A shell word in single quotes: nothing inside is expanded. */
export const shellQuote = (value: string) => `'${value.replaceAll("'", `'\\''`)}'`;

/**
 * The API's absolute address as a script outside the browser must call it: the console's
 * base URL (`/api`, or another API's URL) resolved against the page's address.
 */
export function absoluteApiUrl(baseUrl: string, pageUrl: string): string {
  return new URL(baseUrl, pageUrl).href.replace(/\/+$/, '');
}

/**
 * Ready-to-paste use of a new token: the environment variables Deeplake's clients read, then
 * a curl call and a Python one that use them.
 */
export function tokenSnippets({
  secret,
  orgId,
  apiUrl,
}: {
  secret: string;
  orgId: string | undefined;
  apiUrl: string;
}): TokenSnippet[] {
  const env = [
    `export DEEPLAKE_API_TOKEN=${shellQuote(secret)}`,
    ...(orgId ? [`export DEEPLAKE_ORG_ID=${shellQuote(orgId)}`] : []),
    `export DEEPLAKE_API_URL=${shellQuote(apiUrl)}`,
  ].join('\n');
  const curl = [
    'curl -H "Authorization: Bearer $DEEPLAKE_API_TOKEN" \\',
    '  "$DEEPLAKE_API_URL/me"',
  ].join('\n');
  const python = [
    'import os',
    '',
    'import requests',
    '',
    'api = os.environ["DEEPLAKE_API_URL"]',
    'headers = {"Authorization": f"Bearer {os.environ[\'DEEPLAKE_API_TOKEN\']}"}',
    '',
    'me = requests.get(f"{api}/me", headers=headers, timeout=30)',
    'me.raise_for_status()',
    'print(me.json())',
    ...(orgId
      ? [
          '',
          '# Workspaces belong to an organization: say which one.',
          'workspaces = requests.get(',
          '    f"{api}/workspaces",',
          '    headers={**headers, "X-Activeloop-Org-Id": os.environ["DEEPLAKE_ORG_ID"]},',
          '    timeout=30,',
          ')',
          'workspaces.raise_for_status()',
          'print(workspaces.json())',
        ]
      : []),
  ].join('\n');
  return [
    { id: 'env', title: 'Environment variables', what: 'environment variables', code: env },
    { id: 'curl', title: 'curl', what: 'curl command', code: curl },
    { id: 'python', title: 'Python (requests)', what: 'Python snippet', code: python },
  ];
}
