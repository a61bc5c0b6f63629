import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './env';

describe('loadConfig', () => {
  it('has the documented defaults', () => {
    const config = loadConfig([], {});
    expect(config).toMatchObject({ port: 8080, host: '127.0.0.1', adminEmail: 'admin@localhost' });
    expect(config.dataDir).toBe(path.resolve('.data'));
    expect(config.databaseUrl).toBeUndefined();
  });

  it('reads the environment, and flags override it', () => {
    const config = loadConfig(['--port', '9000', '--data-dir=/tmp/x'], {
      PORT: '8000',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgres://u:p@db:5432/console',
      ADMIN_TOKEN: 'a-long-enough-admin-token',
      DEEPLAKE_API_URL: 'https://api.deeplake.example',
    });
    expect(config).toMatchObject({
      port: 9000,
      host: '0.0.0.0',
      dataDir: '/tmp/x',
      databaseUrl: 'postgres://u:p@db:5432/console',
      adminToken: 'a-long-enough-admin-token',
      deeplakeApiUrl: 'https://api.deeplake.example',
    });
  });

  it('reads the file upload limit (5 GiB by default)', () => {
    expect(loadConfig([], {}).fileUploadLimitBytes).toBe(5 * 1024 ** 3);
    expect(loadConfig([], { FILE_UPLOAD_LIMIT_BYTES: '1000' }).fileUploadLimitBytes).toBe(1000);
    expect(
      loadConfig(['--file-upload-limit-bytes', '2000'], { FILE_UPLOAD_LIMIT_BYTES: '1000' })
        .fileUploadLimitBytes,
    ).toBe(2000);
    expect(() => loadConfig([], { FILE_UPLOAD_LIMIT_BYTES: '-1' })).toThrow(
      /FILE_UPLOAD_LIMIT_BYTES \(--file-upload-limit-bytes\)/,
    );
  });

  it('names the variable and the rule when a value is wrong', () => {
    expect(() => loadConfig([], { PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig([], { PORT: 'eighty' })).toThrow(/PORT \(--port\)/);
    expect(() => loadConfig([], { ADMIN_TOKEN: 'short' })).toThrow(/at least 16/);
    expect(() => loadConfig([], { DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
  });
});
