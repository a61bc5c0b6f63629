import pino from 'pino';

export type Logger = pino.Logger;

/** JSON logs for machines; readable lines when a person watches the terminal. */
export function createLogger(level: string): Logger {
  if (level === 'silent' || !process.stdout.isTTY) return pino({ level });
  return pino({
    level,
    transport: {
      target: 'pino-pretty',
      options: { colorize: true, translateTime: 'HH:MM:ss', ignore: 'pid,hostname' },
    },
  });
}
