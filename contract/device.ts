import { z } from 'zod';
import { organizationIdSchema } from './identifier';

/**
 * The device authorization grant (RFC 8628), as the hosted service's command-line clients use
 * it: `POST /auth/device/code`, then `POST /auth/device/token` until a person approves the code
 * in the console.
 */

/** `POST /auth/device/code`. */
export interface DeviceCodeAnswer {
  device_code: string;
  user_code: string;
  verification_uri: string;
  verification_uri_complete: string;
  /** Seconds until the codes expire. */
  expires_in: number;
  /** Seconds a client waits between polls. */
  interval: number;
}

/** `POST /auth/device/token` once approved (200). */
export interface DeviceTokenAnswer {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
}

/**
 * `POST /auth/device/token` otherwise (400): RFC 8628's own shape, not the API's error
 * envelope, since that is what the clients read.
 */
export type DeviceTokenError =
  | 'authorization_pending'
  | 'slow_down'
  | 'expired_token'
  | 'access_denied'
  | 'invalid_request'
  | 'invalid_grant'
  | 'unsupported_grant_type';

export const DEVICE_GRANT_TYPE = 'urn:ietf:params:oauth:grant-type:device_code';

/** The console's view of a request, found by its user code. */
export interface DeviceRequest {
  user_code: string;
  client_name: string;
  created_at: string;
  expires_at: string;
  status: 'pending' | 'approved' | 'denied';
  /** The organization it was approved for. */
  organization_id?: string | null;
}

/** `GET|POST /auth/device/requests/{user_code}…`. */
export interface DeviceRequestAnswer {
  request: DeviceRequest;
}

export const approveDeviceSchema = z.object({ organization_id: organizationIdSchema });
export type ApproveDevice = z.infer<typeof approveDeviceSchema>;
