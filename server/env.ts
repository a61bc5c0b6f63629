import path from 'node:path';
import { z } from 'zod';

/**
 * The one reader of process.env. CLI flags (`--port 9000`, `--data-dir x`) override the
 * environment; everything is validated here so the rest of the server gets typed config.
 */
const configSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(8080),
  host: z.string().min(1).default('127.0.0.1'),
  dataDir: z.string().min(1).default(path.resolve(process.cwd(), '.data')),
  databaseUrl: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  adminEmail: z.email().default('admin@localhost'),
  adminToken: z.string().min(16, 'ADMIN_TOKEN must be at least 16 characters').optional(),
  deeplakeApiUrl: z.url({ protocol: /^https?$/ }).optional(),
  bodyLimitBytes: z.coerce
    .number()
    .int()
    .positive()
    .default(1024 * 1024),
  queryTimeoutMs: z.coerce.number().int().positive().default(30_000),
  queryMaxRows: z.coerce.number().int().positive().default(100_000),
  queryMaxBytes: z.coerce
    .number()
    .int()
    .positive()
    .default(64 * 1024 * 1024),
  batchMaxRows: z.coerce.number().int().positive().default(1_000_000),
  sqlSessionsTotal: z.coerce.number().int().positive().default(120),
  sqlSessionsPerOrg: z.coerce.number().int().positive().default(32),
  sqlSessionsPerUser: z.coerce.number().int().positive().default(32),
  sqlQueueMs: z.coerce.number().int().nonnegative().default(3_000),
  workspaceSizeLimitBytes: z.coerce
    .number()
    .int()
    .nonnegative()
    .default(10 * 1024 ** 3),
  maxOrganizationsPerUser: z.coerce.number().int().positive().default(20),
  maxWorkspacesPerOrganization: z.coerce.number().int().positive().default(50),
  sqlBodyLimitBytes: z.coerce
    .number()
    .int()
    .positive()
    .default(64 * 1024 * 1024),
  uploadLimitBytes: z.coerce
    .number()
    .int()
    .positive()
    .default(1024 * 1024 * 1024),
  fileUploadLimitBytes: z.coerce
    .number()
    .int()
    .positive()
    .default(5 * 1024 ** 3),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});
export type Config = z.infer<typeof configSchema>;

const ENV_NAMES: Record<keyof Config, string> = {
  port: 'PORT',
  host: 'HOST',
  dataDir: 'DATA_DIR',
  databaseUrl: 'DATABASE_URL',
  adminEmail: 'ADMIN_EMAIL',
  adminToken: 'ADMIN_TOKEN',
  deeplakeApiUrl: 'DEEPLAKE_API_URL',
  bodyLimitBytes: 'BODY_LIMIT_BYTES',
  queryTimeoutMs: 'QUERY_TIMEOUT_MS',
  queryMaxRows: 'QUERY_MAX_ROWS',
  queryMaxBytes: 'QUERY_MAX_BYTES',
  batchMaxRows: 'BATCH_MAX_ROWS',
  sqlSessionsTotal: 'SQL_SESSIONS_TOTAL',
  sqlSessionsPerOrg: 'SQL_SESSIONS_PER_ORG',
  sqlSessionsPerUser: 'SQL_SESSIONS_PER_USER',
  sqlQueueMs: 'SQL_QUEUE_MS',
  workspaceSizeLimitBytes: 'WORKSPACE_SIZE_LIMIT_BYTES',
  maxOrganizationsPerUser: 'MAX_ORGANIZATIONS_PER_USER',
  maxWorkspacesPerOrganization: 'MAX_WORKSPACES_PER_ORGANIZATION',
  sqlBodyLimitBytes: 'SQL_BODY_LIMIT_BYTES',
  uploadLimitBytes: 'UPLOAD_LIMIT_BYTES',
  fileUploadLimitBytes: 'FILE_UPLOAD_LIMIT_BYTES',
  logLevel: 'LOG_LEVEL',
};

const kebab = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

export class ConfigError extends Error {}

/** Reads the config from the environment and `--flag value` / `--flag=value` arguments. */
export function loadConfig(
  argv: readonly string[] = [],
  env: NodeJS.ProcessEnv = process.env,
): Config {
  const raw: Record<string, unknown> = {};
  for (const [key, name] of Object.entries(ENV_NAMES)) {
    const value = env[name];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const flags = parseFlags(argv);
  for (const key of Object.keys(ENV_NAMES)) {
    const value = flags.get(kebab(key));
    if (value !== undefined) raw[key] = value;
  }
  const result = configSchema.safeParse(raw);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const key = String(issue.path[0]) as keyof Config;
      return `${ENV_NAMES[key] ?? key} (--${kebab(key)}): ${issue.message}`;
    });
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  return { ...result.data, dataDir: path.resolve(result.data.dataDir) };
}

export function parseFlags(argv: readonly string[]): Map<string, string> {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) continue;
    const eq = arg.indexOf('=');
    if (eq > 0) {
      flags.set(arg.slice(2, eq), arg.slice(eq + 1));
    } else {
      const next = argv[i + 1];
      if (next !== undefined && !next.startsWith('--')) {
        flags.set(arg.slice(2), next);
        i++;
      } else {
        flags.set(arg.slice(2), 'true');
      }
    }
  }
  return flags;
}
