import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLocalApp } from '../../scripts/local/local-app.js';
import { createTestStack } from '../support/test-stack.js';

describe('local server: web build beside the API', () => {
  it('serves the app shell for client routes, assets as immutable, and keeps 404s for missing files and API paths', async () => {
    // Prepare
    const web = mkdtempSync(join(tmpdir(), 'village-link-web-'));
    mkdirSync(join(web, 'assets'));
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>村链</title>');
    writeFileSync(join(web, 'assets', 'app-1234.js'), 'console.log(1)');
    const { deps, issuer } = await createTestStack();
    const app = createLocalApp(deps, issuer, web);
    // Act
    const shell = await app.request('/villages/vil_01JAAAAAAAAAAAAAAAAAAAAAAA');
    const asset = await app.request('/assets/app-1234.js');
    const missingAsset = await app.request('/assets/gone-9999.js');
    const missingApi = await app.request('/api/nothing-here');
    const api = await app.request('/api/health');
    // Assess
    expect(shell.status).toBe(200);
    expect(await shell.text()).toContain('村链');
    expect(shell.headers.get('cache-control')).toBe('no-cache');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect(missingAsset.status).toBe(404);
    expect(missingApi.status).toBe(404);
    expect(((await missingApi.json()) as { error: { code: string } }).error.code).toBe('not_found');
    expect(api.status).toBe(200);
  });
});
