import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  approveDeviceSchema,
  DEVICE_GRANT_TYPE,
  type DeviceCodeAnswer,
  type DeviceRequest,
  type DeviceRequestAnswer,
  type DeviceTokenAnswer,
  type DeviceTokenError,
} from '../../../contract/device';
import { requireMember } from '../../auth/access';
import { clock, secondsFrom } from '../../auth/clock';
import { consoleOrigin } from '../../auth/origin';
import { insertToken } from '../../auth/tokens-repository';
import type { Db, Queryable } from '../../db/index';
import { badRequest, conflict, notFound } from '../../errors';
import { refuse, type ZodTypeProvider } from '../zod-provider';
import { acceptFormBodies, textField } from './body';
import {
  cleanClientName,
  DEVICE_CODE_SECONDS,
  DEVICE_TOKEN_SECONDS,
  formatUserCode,
  normalizeUserCode,
  POLL_INTERVAL_SECONDS,
  SLOW_DOWN_STEP_SECONDS,
} from './codes';
import {
  createDeviceCode,
  decide,
  findByUserCode,
  lockByDeviceCode,
  markUsed,
  notePoll,
  type DeviceCodeRow,
} from './repository';

type PollOutcome =
  | { error: DeviceTokenError; description: string }
  | { error?: undefined; answer: DeviceTokenAnswer };

const expired = (row: DeviceCodeRow, now: Date) => Date.parse(row.expires_at) <= now.getTime();

/**
 * The device flow's two calls for command-line clients (RFC 8628), without authentication:
 * ask for codes, then poll until a signed-in person approves them in the console.
 */
export async function deviceRoutes(app: FastifyInstance, { db }: { db: Db }) {
  acceptFormBodies(app);

  app.post('/auth/device/code', async (request, reply): Promise<DeviceCodeAnswer> => {
    // The hosted clients send no body; RFC 8628 clients send client_id, form-encoded.
    const named = textField(request.body, 'client_name');
    const name = named === undefined ? textField(request.body, 'client_id') : named;
    if (name === null) throw badRequest('client_name: must be a string');
    const origin = consoleOrigin(request);
    const { deviceCode, userCode } = await createDeviceCode(db, {
      clientName: cleanClientName(name),
      now: clock.now(),
    });
    // The device code is the client's secret until it is used.
    reply.header('cache-control', 'no-store');
    return {
      device_code: deviceCode,
      user_code: userCode,
      verification_uri: `${origin}/device`,
      verification_uri_complete: `${origin}/device?code=${encodeURIComponent(userCode)}`,
      expires_in: DEVICE_CODE_SECONDS,
      interval: POLL_INTERVAL_SECONDS,
    };
  });

  app.post('/auth/device/token', async (request, reply) => {
    reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
    const grantType = textField(request.body, 'grant_type');
    if (grantType !== undefined && grantType !== DEVICE_GRANT_TYPE) {
      return oauthError(reply, {
        error: 'unsupported_grant_type',
        description: `grant_type must be ${DEVICE_GRANT_TYPE}`,
      });
    }
    const deviceCode = textField(request.body, 'device_code');
    if (!deviceCode) {
      return oauthError(reply, {
        error: 'invalid_request',
        description: 'Send the device_code that POST /auth/device/code answered',
      });
    }
    const outcome = await db.transaction((tx) => poll(tx, deviceCode, clock.now()));
    if (outcome.error !== undefined) return oauthError(reply, outcome);
    return outcome.answer;
  });
}

/** RFC 8628's (and OAuth's) error answer: what the clients read, not the API's envelope. */
function oauthError(
  reply: FastifyReply,
  { error, description }: { error: DeviceTokenError; description: string },
) {
  return reply.code(400).send({ error, error_description: description });
}

/** One poll, in a transaction that holds the request's row: its token is handed out once. */
async function poll(tx: Queryable, deviceCode: string, now: Date): Promise<PollOutcome> {
  const row = await lockByDeviceCode(tx, deviceCode);
  if (!row) {
    return {
      error: 'invalid_grant',
      description: 'The device code is not known (or long expired): start the sign-in again',
    };
  }
  if (row.status === 'used') {
    return { error: 'invalid_grant', description: 'The device code was already used' };
  }
  if (row.status === 'denied') {
    return { error: 'access_denied', description: 'The sign-in request was denied' };
  }
  if (expired(row, now)) {
    return { error: 'expired_token', description: 'The device code expired: start again' };
  }
  if (row.status === 'pending') {
    const since =
      row.last_polled_at === null ? null : now.getTime() - Date.parse(row.last_polled_at);
    if (since !== null && since < row.interval_seconds * 1000) {
      await notePoll(tx, row.id, now, { slowDownBy: SLOW_DOWN_STEP_SECONDS });
      return {
        error: 'slow_down',
        description: `Poll at most every ${row.interval_seconds + SLOW_DOWN_STEP_SECONDS} seconds`,
      };
    }
    await notePoll(tx, row.id, now);
    return {
      error: 'authorization_pending',
      description: 'Waiting for the code to be approved in the console',
    };
  }
  const issued = await insertToken(tx, row.user_id!, {
    name: `Device sign-in: ${row.client_name || 'command-line client'}`,
    kind: 'device',
    orgId: row.org_id,
    expiresAt: secondsFrom(now, DEVICE_TOKEN_SECONDS),
    now,
  });
  await markUsed(tx, row.id);
  return {
    answer: {
      access_token: issued.secret,
      token_type: 'Bearer',
      expires_in: DEVICE_TOKEN_SECONDS,
    },
  };
}

const noRequestMessage = (typed: string) =>
  `No sign-in request has the code "${typed.slice(0, 40)}": check the code your ` +
  'command-line client shows, or start its sign-in again';

const noRequest = (typed: string) => notFound(noRequestMessage(typed));

/** The user code in a path, as stored and as shown; one that cannot be a code is not found. */
const userCodePath = z.object({
  user_code: z.string().transform((typed, ctx) => {
    const normalized = normalizeUserCode(typed);
    if (!normalized) return refuse(ctx, noRequestMessage(typed), 404);
    return { normalized, shown: formatUserCode(normalized) };
  }),
});

function toView(row: DeviceCodeRow, shown: string, callerId: string): DeviceRequest {
  return {
    user_code: shown,
    client_name: row.client_name,
    created_at: row.created_at,
    expires_at: row.expires_at,
    status: row.status === 'used' ? 'approved' : row.status,
    ...(row.status !== 'pending' && row.user_id === callerId
      ? { organization_id: row.org_id }
      : {}),
  };
}

/**
 * A request as a signed-in person may see it: pending and unexpired, or one they decided
 * themselves. Someone else's decision is not shown, only that the code is taken.
 */
function visible(row: DeviceCodeRow | null, shown: string, callerId: string, now: Date) {
  if (!row) throw noRequest(shown);
  if (row.status === 'pending') {
    if (expired(row, now)) {
      throw notFound(
        `The code ${shown} expired: start the sign-in on your command-line client again`,
      );
    }
  } else if (row.user_id !== callerId) {
    throw notFound(`The code ${shown} was already used`);
  }
  return row;
}

/** The console's side: look a request up by its user code, then approve or deny it. */
export async function deviceApprovalRoutes(instance: FastifyInstance, { db }: { db: Db }) {
  const app = instance.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/auth/device/requests/:user_code',
    { schema: { params: userCodePath } },
    async (request): Promise<DeviceRequestAnswer> => {
      const { normalized, shown } = request.params.user_code;
      const row = visible(
        await findByUserCode(db, normalized),
        shown,
        request.user.id,
        clock.now(),
      );
      return { request: toView(row, shown, request.user.id) };
    },
  );

  /** Approves (for the organization the body names) or denies a request. */
  async function decideRequest(
    { normalized, shown }: z.output<typeof userCodePath>['user_code'],
    callerId: string,
    status: 'approved' | 'denied',
    orgId: string | null,
  ): Promise<DeviceRequestAnswer> {
    if (orgId !== null) await requireMember(db, callerId, orgId);
    const now = clock.now();
    const row = await db.transaction(async (tx) => {
      const found = visible(
        await findByUserCode(tx, normalized, { lock: true }),
        shown,
        callerId,
        now,
      );
      if (found.status !== 'pending') {
        throw conflict(`This sign-in request was already ${toView(found, shown, '').status}`);
      }
      return decide(tx, found.id, { status, userId: callerId, orgId, now });
    });
    return { request: toView(row, shown, callerId) };
  }

  app.post(
    '/auth/device/requests/:user_code/approve',
    { schema: { params: userCodePath, body: approveDeviceSchema } },
    (request) =>
      decideRequest(
        request.params.user_code,
        request.user.id,
        'approved',
        request.body.organization_id,
      ),
  );
  app.post(
    '/auth/device/requests/:user_code/deny',
    { schema: { params: userCodePath } },
    (request) => decideRequest(request.params.user_code, request.user.id, 'denied', null),
  );
}
