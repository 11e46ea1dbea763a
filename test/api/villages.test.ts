import { beforeAll, describe, expect, it } from 'vitest';
import { buyer, coopOf, organizer, villageInput } from '../support/fixtures.js';
import { createTestStack, type TestStack } from '../support/test-stack.js';

describe('villages', () => {
  let stack: TestStack;
  const office = organizer();
  beforeAll(async () => {
    stack = await createTestStack();
  });

  it('lets an organizer create a village that anyone can then read', async () => {
    // Act
    const created = await stack.call('POST', '/api/villages', { as: office, body: villageInput({ name: '高桥村', county: '清水县' }) });
    const read = await stack.call('GET', `/api/villages/${created.json.villageId}`);
    // Assess
    expect(created.status).toBe(201);
    expect(created.json.villageId).toMatch(/^vil_[0-9A-Z]{26}$/);
    expect(read.status).toBe(200);
    expect(read.json).toMatchObject({ name: '高桥村', county: '清水县', households: 420, version: 1, targets: [] });
    expect(read.headers.get('etag')).toBe('"1"');
  });

  it('forbids buyers and cooperatives to create villages, and anonymous callers get 401', async () => {
    const asBuyer = await stack.call('POST', '/api/villages', { as: buyer(), body: villageInput() });
    const asCoop = await stack.call('POST', '/api/villages', { as: coopOf('vil_01JAAAAAAAAAAAAAAAAAAAAAAA'), body: villageInput() });
    const anonymous = await stack.call('POST', '/api/villages', { body: villageInput() });
    expect([asBuyer.status, asCoop.status, anonymous.status]).toEqual([403, 403, 401]);
  });

  it('filters villages by county', async () => {
    // Prepare
    const local = await createTestStack();
    for (const [name, county] of [['宋家村', '利州区'], ['曙光村', '利州区'], ['梨湾村', '清水县']] as const) {
      await local.call('POST', '/api/villages', { as: office, body: villageInput({ name, county }) });
    }
    // Act
    const lizhou = await local.call('GET', `/api/villages?county=${encodeURIComponent('利州区')}`);
    // Assess
    expect(lizhou.json.items.map((v: { name: string }) => v.name).sort()).toEqual(['宋家村', '曙光村']);
    expect(lizhou.json.nextCursor).toBeNull();
  });

  it('names the field at fault and writes nothing on bad input', async () => {
    // Prepare
    const local = await createTestStack();
    const cases: [unknown, string][] = [
      [{ ...villageInput(), households: -1 }, 'households'],
      [{ ...villageInput(), population: '1380' }, 'population'],
      [{ ...villageInput(), mayor: '某某' }, 'mayor'],
      [{ ...villageInput(), name: '村'.repeat(61) }, 'name'],
      [{ ...villageInput(), baseline: { year: 2025, salesFen: 1.5, perCapitaIncomeFen: 0 } }, 'baseline.salesFen'],
      [{ ...villageInput(), povertyHouseholds: 500, households: 400 }, 'povertyHouseholds'],
    ];
    for (const [body, field] of cases) {
      // Act
      const response = await local.call('POST', '/api/villages', { as: office, body });
      // Assess
      expect(response.status, field).toBe(400);
      expect(response.json.error.field).toBe(field);
    }
    const malformed = await local.call('POST', '/api/villages', { as: office, body: '{"name": "土地坳村",' });
    expect(malformed.status).toBe(400);
    expect(malformed.json.error.field).toBe('body');
    expect((await local.call('GET', '/api/villages')).json.items).toEqual([]);
  });

  it('edits with optimistic locking: a stale If-Match gets 412 and changes nothing', async () => {
    // Prepare
    const { villageId } = (await stack.call('POST', '/api/villages', { as: office, body: villageInput({ name: '麦池村' }) })).json;
    // Act
    const first = await stack.call('PATCH', `/api/villages/${villageId}`, { as: office, body: { households: 450 }, headers: { 'if-match': '"1"' } });
    const stale = await stack.call('PATCH', `/api/villages/${villageId}`, { as: office, body: { households: 999 }, headers: { 'if-match': '"1"' } });
    // Assess
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ households: 450, version: 2 });
    expect(stale.status).toBe(412);
    expect(stale.json.error.field).toBe('If-Match');
    expect((await stack.call('GET', `/api/villages/${villageId}`)).json.households).toBe(450);
  });

  it('does not let a patch move a village to another county', async () => {
    const { villageId } = (await stack.call('POST', '/api/villages', { as: office, body: villageInput() })).json;
    const response = await stack.call('PATCH', `/api/villages/${villageId}`, { as: office, body: { county: '利州区' } });
    expect(response.status).toBe(400);
    expect(response.json.error.field).toBe('county');
  });

  it("sets a year's targets and derives the sales target from last year's baseline", async () => {
    // Prepare: baseline 2025 sales ¥1,200,000.00
    const { villageId } = (await stack.call('POST', '/api/villages', { as: office, body: villageInput() })).json;
    // Act
    const set = await stack.call('PUT', `/api/villages/${villageId}/targets/2026`, {
      as: office,
      body: { perCapitaIncomeIncreaseFen: 120_000, salesGrowthBps: 1_500 },
    });
    const byCoop = await stack.call('PUT', `/api/villages/${villageId}/targets/2026`, {
      as: coopOf(villageId),
      body: { perCapitaIncomeIncreaseFen: 1, salesGrowthBps: 1 },
    });
    const later = await stack.call('PUT', `/api/villages/${villageId}/targets/2030`, {
      as: office,
      body: { perCapitaIncomeIncreaseFen: 120_000, salesGrowthBps: 1_500 },
    });
    const read = await stack.call('GET', `/api/villages/${villageId}`);
    // Assess: +15% of 120,000,000 fen is 138,000,000 fen.
    expect(set.status).toBe(200);
    expect(set.json.salesTargetFen).toBe(138_000_000);
    expect(byCoop.status).toBe(403);
    expect(later.json.salesTargetFen).toBeNull();
    expect(read.json.targets.map((t: { year: number }) => t.year)).toEqual([2030, 2026]);
    expect(read.json.targets[1].perCapitaIncomeIncreaseFen).toBe(120_000);
  });

  it('answers 404 for an unknown village and 400 for a malformed id', async () => {
    expect((await stack.call('GET', '/api/villages/vil_01JAAAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404);
    const malformed = await stack.call('GET', '/api/villages/not-an-id');
    expect(malformed.status).toBe(400);
    expect(malformed.json.error.field).toBe('villageId');
  });
});
