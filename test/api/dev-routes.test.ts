import { describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app.js';
import { createLocalApp } from '../../scripts/local/local-app.js';
import { requestHelpers, createTestStack } from '../support/test-stack.js';

describe('development sign-in', () => {
  it('is never registered by the app the Lambda runs', async () => {
    // Prepare
    const { deps } = await createTestStack();
    await deps.accounts.create({ accountId: 'acc_01JDEV0000000000000000000A', role: 'buyer', displayName: '王芳' });
    // Act
    const lambdaApp = createApp(deps);
    // Assess: no route under /api/dev, and requests there fall through to 404.
    expect(lambdaApp.routes.filter((r) => r.path.startsWith('/api/dev'))).toEqual([]);
    expect((await lambdaApp.request('/api/dev/accounts')).status).toBe(404);
    const signIn = await lambdaApp.request('/api/dev/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ accountId: 'acc_01JDEV0000000000000000000A' }),
    });
    expect(signIn.status).toBe(404);
    const openapi = (await (await lambdaApp.request('/api/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(openapi.paths).filter((p) => p.startsWith('/api/dev'))).toEqual([]);
  });

  it('lets the local server sign in as a seeded account and use the token', async () => {
    // Prepare
    const { deps, issuer } = await createTestStack();
    await deps.accounts.create({ accountId: 'acc_01JDEV0000000000000000000B', role: 'buyer', displayName: '李娜' });
    const local = createLocalApp(deps, issuer);
    const { call } = requestHelpers(local, issuer);
    // Act
    const accounts = await call('GET', '/api/dev/accounts');
    const signIn = await call('POST', '/api/dev/sign-in', { body: { accountId: 'acc_01JDEV0000000000000000000B' } });
    const me = await call('GET', '/api/me', { headers: { authorization: `Bearer ${signIn.json.token}` } });
    // Assess
    expect(accounts.json.items.map((a: { displayName: string }) => a.displayName)).toEqual(['李娜']);
    expect(signIn.status).toBe(200);
    expect(me.json.actor).toEqual({ role: 'buyer', accountId: 'acc_01JDEV0000000000000000000B', displayName: '李娜' });
    expect((await call('POST', '/api/dev/sign-in', { body: { accountId: 'acc_01JDEV0000000000000000000C' } })).status).toBe(404);
  });
});
