import type { Config } from '../env';
import type { Logger } from '../logger';
import {
  connectionUrl,
  runningPostmaster,
  startEmbeddedPostgres,
  type EmbeddedOptions,
} from './embedded';

/** Where the database is, and how to stop it if this process started it. */
export interface Engine {
  url: string;
  stop(): Promise<void>;
}

/**
 * DATABASE_URL when set (nothing is started), else the embedded Postgres under DATA_DIR.
 * With `reuseRunning`, a Postgres already running there (the server's, while it runs) is used
 * as it is — that is how `npm run token` works beside a running server.
 */
export async function openEngine(
  config: Pick<Config, 'databaseUrl' | 'dataDir'>,
  logger: Logger,
  {
    reuseRunning = false,
    onGiveUp,
  }: { reuseRunning?: boolean } & Pick<EmbeddedOptions, 'onGiveUp'> = {},
): Promise<Engine> {
  if (config.databaseUrl) return { url: config.databaseUrl, stop: async () => {} };
  if (reuseRunning) {
    const running = await runningPostmaster(config.dataDir);
    if (running) {
      return { url: await connectionUrl(config.dataDir, running.port), stop: async () => {} };
    }
  }
  return startEmbeddedPostgres(config.dataDir, logger, { onGiveUp });
}
