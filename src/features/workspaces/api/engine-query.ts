import { queryOptions } from '@tanstack/react-query';
import { isRecord } from '../../../lib/answers';
import { api, isApiError, segment } from '../../../lib/api-client';
import { getToken } from '../../../lib/sign-in-state';
import { workspaceKeys } from './keys';

/**
 * The older File API (seed 003) lives beside the API, not under it: the bundled server serves
 * `/api` and `/engine/<workspace>` at the same root, so a workspace's engine URL is the API base
 * URL with its `/api` replaced. An API at a server's root (the hosted service, set on the sign-in
 * screen) has no engine the console knows of: null, and nothing is probed.
 */
export function engineUrl(apiBaseUrl: string, pageUrl: string, workspaceId: string): string | null {
  const api = new URL(apiBaseUrl, pageUrl);
  const path = api.pathname.replace(/\/+$/, '');
  if (!path.endsWith('/api')) return null;
  const root = `${api.origin}${path.slice(0, -'/api'.length)}`;
  return `${root}/engine/${segment(workspaceId)}`;
}

/**
 * Whether the engine answers at `url`: a listing of the workspace's drive, asked for as the
 * seed's snippets do (viewers may list, so anyone who sees the workspace can ask). In proxy
 * mode `/engine` is not forwarded and the bundled server answers 404; a development server
 * answers its page instead of a listing: both are "no engine here", not errors to show.
 */
export const engineProbeQueryOptions = (orgId: string, workspaceId: string, url: string) =>
  queryOptions({
    queryKey: workspaceKeys.engine(orgId, workspaceId, url),
    queryFn: async ({ signal }): Promise<boolean> => {
      try {
        const listing = await api.get<unknown>('/api/v1/file/?file_path=drive', {
          // The API client's headers and errors, at the engine's root instead of the API's.
          baseUrl: url,
          orgId,
          signal,
          // The stored token, given as if tried out: a refusal from a path that is not the API
          // says nothing about the session, so this probe never signs anyone out.
          token: getToken() ?? '',
        });
        return isRecord(listing) && Array.isArray(listing.files);
      } catch (error) {
        if (isApiError(error) && (error.status === 404 || error.status === 0)) return false;
        throw error;
      }
    },
  });
