import { describe, expect, it } from 'vitest';
import { engineUrl } from './engine-query';

describe('engineUrl', () => {
  it("is the page's server with /engine/<workspace> for the default /api", () => {
    expect(engineUrl('/api', 'http://127.0.0.1:8080/workspaces', 'default')).toBe(
      'http://127.0.0.1:8080/engine/default',
    );
  });

  it("is the other server's when the API base URL names one, under any path it is served at", () => {
    expect(engineUrl('http://10.0.0.5:9000/api/', 'http://127.0.0.1:8080/', 'sales')).toBe(
      'http://10.0.0.5:9000/engine/sales',
    );
    expect(engineUrl('https://example.com/console/api', 'http://127.0.0.1:8080/', 'sales')).toBe(
      'https://example.com/console/engine/sales',
    );
  });

  it('encodes the workspace id as one path segment', () => {
    expect(engineUrl('/api', 'http://localhost/', 'a b/c')).toBe(
      'http://localhost/engine/a%20b%2Fc',
    );
  });

  it('is none for an API served at a root (the hosted service): it has no engine here', () => {
    expect(engineUrl('https://api.deeplake.ai', 'http://127.0.0.1:8080/', 'sales')).toBeNull();
    expect(engineUrl('https://api.deeplake.ai/v2', 'http://127.0.0.1:8080/', 'sales')).toBeNull();
  });
});
