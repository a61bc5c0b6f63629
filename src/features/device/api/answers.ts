import { instant, isRecord, objectIn, text, unexpectedAnswer } from '../../../lib/answers';

export type DeviceRequestStatus = 'pending' | 'approved' | 'denied';

/** A command-line client's sign-in request, as the console shows it. */
export interface DeviceRequestView {
  user_code: string;
  /** Empty when the client gave none. */
  client_name: string;
  created_at?: string;
  expires_at?: string;
  status: DeviceRequestStatus;
  organization_id?: string;
}

const REQUEST = 'a device sign-in request';

function readStatus(value: unknown): DeviceRequestStatus {
  return value === 'approved' || value === 'denied' ? value : 'pending';
}

/** `GET|POST /auth/device/requests/{code}…`: `{request: {…}}`, or the request itself. */
export function readDeviceRequest(body: unknown, typedCode: string): DeviceRequestView {
  const value = objectIn(body, 'request', REQUEST);
  if (!isRecord(value)) throw unexpectedAnswer(REQUEST, body);
  const created = instant(value.created_at);
  const expires = instant(value.expires_at);
  const org = text(value.organization_id);
  return {
    user_code: text(value.user_code) || typedCode,
    client_name: text(value.client_name) ?? '',
    ...(created ? { created_at: created } : {}),
    ...(expires ? { expires_at: expires } : {}),
    status: readStatus(value.status),
    ...(org ? { organization_id: org } : {}),
  };
}
