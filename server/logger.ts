import pino from 'pino';

export type Logger = pino.Logger;

/**
 * Errors as pino writes them, less the pg client that node-postgres attaches to its pools'
 * errors: connection settings, type tables and socket state, a screenful for every lost
 * connection.
 */
function serializeError(error: Error) {
  const serialized = pino.stdSerializers.err(error);
  delete serialized.client;
  return serialized;
}

/** JSON logs for machines; readable lines when a person watches the terminal. */
export function createLogger(level: string): Logger {
  const serializers = { err: serializeError };
  if (level === 'silent' || !process.stdout.isTTY) return pino({ level, serializers });
  return pino({
    level,
    serializers,
    transport: {
      target: 'pino-pretty',
      options: { colorize: true, translateTime: 'HH:MM:ss', ignore: 'pid,hostname' },
    },
  });
}
