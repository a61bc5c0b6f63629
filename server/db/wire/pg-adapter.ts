import pg from 'pg';
import type { Exchange } from './exchanges';
import { GuardedSocket } from './guarded-socket';

/**
 * The one place that reaches into node-postgres below its documented API. Workspace sessions
 * run their statements as exchanges (./exchanges) that node-postgres takes for Submittables,
 * read the backend's process id off the client, and read what Postgres sends through a
 * GuardedSocket (./guarded-socket) that node-postgres must take for its connection's socket.
 * Each of those assumptions about the pinned `pg` is checked by a named test in
 * ./pg-contract.test.ts, so an upgrade that breaks one fails there first.
 */

/** What node-postgres keeps of a client's connection, which its typings leave out. */
interface ClientInternals {
  connection: { stream: unknown };
  /** From BackendKeyData; null until the connection is made. */
  processID: number | null;
}

function internals(client: pg.ClientBase): ClientInternals {
  return client as unknown as ClientInternals;
}

export interface GuardedPoolOptions extends Omit<pg.PoolConfig, 'stream' | 'ssl'> {
  connectionString: string;
  /** Largest message (a row, an error text) a connection takes from Postgres at first. */
  messageCap: number;
  /** Told of each exception contained while a connection was read (that connection ends). */
  onContained: (error: unknown) => void;
}

/** A pool whose connections each read Postgres through a GuardedSocket of their own. */
export function createGuardedPool({
  messageCap,
  onContained,
  ...config
}: GuardedPoolOptions): pg.Pool {
  const url = new URL(config.connectionString);
  // The guard reads the plain protocol: through TLS it would see ciphertext, and node-postgres
  // would read the TLS socket wrapped around it, past the guard.
  const sslmode = url.searchParams.get('sslmode');
  if (url.searchParams.has('ssl') || (sslmode !== null && sslmode !== 'disable')) {
    throw new Error('Workspace sessions connect to Postgres without TLS (a local server)');
  }
  return new pg.Pool({
    ...config,
    // Nor from PGSSLMODE in the environment.
    ssl: false,
    // node-postgres's documented seam for the connection's socket: one per connection.
    stream: () => new GuardedSocket(messageCap, onContained),
  });
}

export interface GuardedClient {
  client: pg.PoolClient;
  /** The socket the client reads from; its guard's limit can change between statements. */
  socket: GuardedSocket;
}

/** Lends a client of a guarded pool, with the socket it reads from. */
export async function connectGuarded(pool: pg.Pool): Promise<GuardedClient> {
  const client = await pool.connect();
  try {
    return { client, socket: guardedSocketOf(client) };
  } catch (error) {
    client.release(true);
    throw error;
  }
}

/** The socket a guarded pool's `stream` factory made for this client's connection. */
export function guardedSocketOf(client: pg.ClientBase): GuardedSocket {
  const stream = internals(client).connection.stream;
  if (!(stream instanceof GuardedSocket)) {
    throw new Error('A workspace session must run over its guarded socket');
  }
  return stream;
}

/**
 * Runs an exchange on the client: node-postgres queues it like a query, calls its `submit` with
 * the connection when its turn comes, then its handlers for the messages of its round trip.
 */
export function submit<T>(client: pg.ClientBase, exchange: Exchange<T>): Promise<T> {
  client.query(exchange as unknown as pg.Submittable);
  return exchange.done;
}

/** The process id of the client's backend, from BackendKeyData. */
export function backendProcessId(client: pg.ClientBase): number {
  const processId = internals(client).processID;
  if (typeof processId !== 'number') {
    throw new Error('The client has no backend process id: is it connected?');
  }
  return processId;
}
