import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, segment } from '../../../lib/api-client';
import { readDeviceRequest } from './answers';
import { deviceKeys } from './keys';

export const deviceRequestQueryOptions = (userCode: string) =>
  queryOptions({
    queryKey: deviceKeys.request(userCode),
    queryFn: async ({ signal }) =>
      readDeviceRequest(
        await api.get<unknown>(`/auth/device/requests/${segment(userCode)}`, { signal }),
        userCode,
      ),
    // A code not found or expired is the answer, not a hiccup to retry.
    retry: false,
    // The request only changes when it is decided here.
    staleTime: Infinity,
  });

export type DeviceDecision = { decision: 'approve'; orgId: string } | { decision: 'deny' };

/** Approves a request for an organization, or denies it; the answer is the decided request. */
export function useDecideDevice(userCode: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (decision: DeviceDecision) => {
      const path = `/auth/device/requests/${segment(userCode)}/${decision.decision}`;
      const body = decision.decision === 'approve' ? { organization_id: decision.orgId } : {};
      return readDeviceRequest(await api.post<unknown>(path, body), userCode);
    },
    onSuccess: (request) => queryClient.setQueryData(deviceKeys.request(userCode), request),
  });
}
