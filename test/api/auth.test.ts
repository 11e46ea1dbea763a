import { SignJWT, generateKeyPair } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { ephemeralDevIssuer, DEV_AUDIENCE, DEV_ISSUER } from '../../scripts/local/dev-issuer.js';
import { createTestStack, manualClock, type TestStack } from '../support/test-stack.js';
import { buyer, coopOf, productInput, villageInput, organizer } from '../support/fixtures.js';

describe('authentication', () => {
  let stack: TestStack;
  let villageId: string;
  beforeAll(async () => {
    stack = await createTestStack();
    villageId = (await stack.call('POST', '/api/villages', { as: organizer(), body: villageInput() })).json.villageId;
  });

  it('answers /api/me with the actor the token names', async () => {
    // Act
    const coop = coopOf(villageId);
    const response = await stack.call('GET', '/api/me', { as: coop });
    // Assess
    expect(response.status).toBe(200);
    expect(response.json.actor).toEqual(coop);
  });

  it('rejects an unauthenticated write with 401 and writes nothing', async () => {
    const response = await stack.call('POST', `/api/villages/${villageId}/products`, { body: productInput() });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    const list = await stack.call('GET', `/api/products?villageId=${villageId}`);
    expect(list.json.items).toEqual([]);
  });

  it('rejects a token signed by another key, even with valid-looking claims', async () => {
    // Prepare: a different issuer instance has a different key pair but the same issuer name and audience.
    const impostor = await ephemeralDevIssuer();
    const coop = coopOf(villageId);
    const forged = await impostor.issue({ accountId: coop.accountId, role: 'coop', displayName: 'x', villageId });
    // Act
    const response = await stack.app.request(`/api/villages/${villageId}/products`, {
      method: 'POST',
      headers: { authorization: `Bearer ${forged}`, 'content-type': 'application/json' },
      body: JSON.stringify(productInput()),
    });
    // Assess
    expect(response.status).toBe(401);
    expect((await stack.call('GET', `/api/products?villageId=${villageId}`)).json.items).toEqual([]);
  });

  it('rejects an expired token, a malformed header and a token without a role', async () => {
    // Prepare
    const clock = manualClock();
    const local = await createTestStack({ clock });
    const token = await local.tokenFor(buyer());
    expect((await local.app.request('/api/me', { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    // Act: 13 hours later the 12-hour token has expired.
    clock.advance(13 * 60 * 60 * 1000);
    const expired = await local.app.request('/api/me', { headers: { authorization: `Bearer ${token}` } });
    // Assess
    expect(expired.status).toBe(401);
    expect(((await expired.json()) as { error: { message: string } }).error.message).toMatch(/expired/);
    expect((await stack.app.request('/api/me', { headers: { authorization: 'Basic abc' } })).status).toBe(401);
    const { privateKey } = await generateKeyPair('ES256');
    const noRole = await new SignJWT({ 'custom:accountId': buyer().accountId })
      .setProtectedHeader({ alg: 'ES256' })
      .setIssuer(DEV_ISSUER)
      .setAudience(DEV_AUDIENCE)
      .setExpirationTime('1h')
      .sign(privateKey);
    expect((await stack.app.request('/api/me', { headers: { authorization: `Bearer ${noRole}` } })).status).toBe(401);
  });

  it('treats an invalid token on a public read as 401, not as anonymous', async () => {
    const response = await stack.app.request('/api/villages', { headers: { authorization: 'Bearer not.a.jwt' } });
    expect(response.status).toBe(401);
  });

  it('answers /api/me without a token with 401', async () => {
    expect((await stack.call('GET', '/api/me')).status).toBe(401);
  });
});
