import type { Queryable } from '../../db/index';
import { isPostgresError } from '../../db/index';
import {
  DEVICE_CODE_SECONDS,
  EXPIRED_KEPT_SECONDS,
  hashDeviceCode,
  hashUserCode,
  newDeviceCode,
  newUserCode,
  normalizeUserCode,
  POLL_INTERVAL_SECONDS,
} from './codes';

export type DeviceStatus = 'pending' | 'approved' | 'denied' | 'used';

export interface DeviceCodeRow {
  id: string;
  client_name: string;
  created_at: string;
  expires_at: string;
  interval_seconds: number;
  last_polled_at: string | null;
  status: DeviceStatus;
  user_id: string | null;
  org_id: string | null;
}

const COLUMNS =
  'id, client_name, created_at, expires_at, interval_seconds, last_polled_at, status, user_id, org_id';

/**
 * A new request. The user code is unique among the requests still kept; on the rare clash with
 * one, another is drawn.
 */
export async function createDeviceCode(
  db: Queryable,
  { clientName, now }: { clientName: string; now: Date },
): Promise<{ deviceCode: string; userCode: string; row: DeviceCodeRow }> {
  await db.query('DELETE FROM deeplake_console.device_codes WHERE expires_at < $1', [
    new Date(now.getTime() - EXPIRED_KEPT_SECONDS * 1000),
  ]);
  for (let attempt = 0; ; attempt++) {
    const deviceCode = newDeviceCode();
    const userCode = newUserCode();
    try {
      const [row] = await db.query<DeviceCodeRow>(
        `INSERT INTO deeplake_console.device_codes
           (device_code_hash, user_code_hash, client_name, created_at, expires_at, interval_seconds)
         VALUES ($1, $2, $3, $4, $5, $6)
         RETURNING ${COLUMNS}`,
        [
          hashDeviceCode(deviceCode),
          hashUserCode(normalizeUserCode(userCode)!),
          clientName,
          now,
          new Date(now.getTime() + DEVICE_CODE_SECONDS * 1000),
          POLL_INTERVAL_SECONDS,
        ],
      );
      return { deviceCode, userCode, row: row! };
    } catch (error) {
      if (attempt < 3 && isPostgresError(error) && error.code === '23505') continue;
      throw error;
    }
  }
}

/** The request with this device code, locked for the rest of the transaction. */
export async function lockByDeviceCode(
  tx: Queryable,
  deviceCode: string,
): Promise<DeviceCodeRow | null> {
  const [row] = await tx.query<DeviceCodeRow>(
    `SELECT ${COLUMNS} FROM deeplake_console.device_codes
      WHERE device_code_hash = $1 FOR UPDATE`,
    [hashDeviceCode(deviceCode)],
  );
  return row ?? null;
}

/** The request with this user code (already normalized), locked when `lock` is set. */
export async function findByUserCode(
  db: Queryable,
  normalized: string,
  { lock = false }: { lock?: boolean } = {},
): Promise<DeviceCodeRow | null> {
  const [row] = await db.query<DeviceCodeRow>(
    `SELECT ${COLUMNS} FROM deeplake_console.device_codes
      WHERE user_code_hash = $1${lock ? ' FOR UPDATE' : ''}`,
    [hashUserCode(normalized)],
  );
  return row ?? null;
}

export async function notePoll(
  tx: Queryable,
  id: string,
  now: Date,
  { slowDownBy = 0 }: { slowDownBy?: number } = {},
) {
  await tx.query(
    `UPDATE deeplake_console.device_codes
        SET last_polled_at = $2, interval_seconds = interval_seconds + $3
      WHERE id = $1`,
    [id, now, slowDownBy],
  );
}

export async function decide(
  tx: Queryable,
  id: string,
  decision: { status: 'approved' | 'denied'; userId: string; orgId: string | null; now: Date },
): Promise<DeviceCodeRow> {
  const [row] = await tx.query<DeviceCodeRow>(
    `UPDATE deeplake_console.device_codes
        SET status = $2, user_id = $3, org_id = $4, decided_at = $5
      WHERE id = $1
      RETURNING ${COLUMNS}`,
    [id, decision.status, decision.userId, decision.orgId, decision.now],
  );
  return row!;
}

export async function markUsed(tx: Queryable, id: string) {
  await tx.query(`UPDATE deeplake_console.device_codes SET status = 'used' WHERE id = $1`, [id]);
}
