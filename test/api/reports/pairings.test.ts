import { beforeAll, describe, expect, it } from 'vitest';
import { buyer, coopOf, leaderOf } from '../../support/fixtures.js';
import { createTestStack, manualClock, type TestStack } from '../../support/test-stack.js';
import { appendSales, office, organizationWithLeader, saleOf, villageWithProduct, type TestVillage } from './support.js';

const NOW = '2026-11-21T04:00:00.000Z';

describe('pairings', () => {
  let stack: TestStack;
  let village: TestVillage;
  let otherVillage: TestVillage;
  let yulin: Awaited<ReturnType<typeof organizationWithLeader>>;
  let bank: Awaited<ReturnType<typeof organizationWithLeader>>;
  let pairingId: string;
  beforeAll(async () => {
    stack = await createTestStack({ clock: manualClock(NOW) });
    village = await villageWithProduct(stack, { name: '土地坳村' });
    otherVillage = await villageWithProduct(stack, { name: '高桥村', county: '清水县' });
    yulin = await organizationWithLeader(stack, '玉林社区');
    bank = await organizationWithLeader(stack, '成都银行', 'enterprise');
    const created = await stack.call('POST', '/api/pairings', {
      as: office,
      body: { organizationId: yulin.organizationId, villageId: village.villageId, startDate: '2025-03-01', annualTargetFen: 2_000_000 },
    });
    pairingId = created.json.pairingId;
    await stack.call('POST', '/api/pairings', {
      as: office,
      body: { organizationId: bank.organizationId, villageId: otherVillage.villageId, startDate: '2026-01-01', annualTargetFen: 500_000 },
    });
  });

  it('pairs an organisation with a village once, with names for lists, and refuses a second pairing of the same two', async () => {
    // Act
    const read = await stack.call('GET', `/api/pairings/${pairingId}`, { as: office });
    const duplicate = await stack.call('POST', '/api/pairings', {
      as: office,
      body: { organizationId: yulin.organizationId, villageId: village.villageId, startDate: '2026-01-01', annualTargetFen: 1 },
    });
    const all = await stack.call('GET', '/api/pairings', { as: office });
    // Assess
    expect(pairingId).toMatch(/^pair_[0-9A-Z]{26}$/);
    expect(read.json).toMatchObject({ organizationName: '玉林社区', organizationKind: 'community', villageName: '土地坳村', county: '简阳市', startDate: '2025-03-01', annualTargetFen: 2_000_000 });
    expect(duplicate.status).toBe(409);
    expect(duplicate.json.error.field).toBe('villageId');
    expect(all.json.items).toHaveLength(2);
  });

  it('names the field at fault, and lets only organizers pair', async () => {
    const body = { organizationId: bank.organizationId, villageId: village.villageId, startDate: '2026-01-01', annualTargetFen: 100 };
    const cases: [Record<string, unknown>, number, string][] = [
      [{ startDate: '2026-02-30' }, 400, 'startDate'],
      [{ startDate: '2026/01/01' }, 400, 'startDate'],
      [{ annualTargetFen: 0 }, 400, 'annualTargetFen'],
      [{ annualTargetFen: 10.5 }, 400, 'annualTargetFen'],
      [{ organizationId: 'org_01JAAAAAAAAAAAAAAAAAAAAAAA' }, 404, 'organizationId'],
      [{ villageId: 'vil_01JAAAAAAAAAAAAAAAAAAAAAAA' }, 404, 'villageId'],
    ];
    for (const [patch, status, field] of cases) {
      const response = await stack.call('POST', '/api/pairings', { as: office, body: { ...body, ...patch } });
      expect([response.status, response.json.error.field], JSON.stringify(patch)).toEqual([status, field]);
    }
    expect((await stack.call('POST', '/api/pairings', { as: bank.leader, body })).status).toBe(403);
    expect((await stack.call('POST', '/api/pairings', { as: village.coop, body })).status).toBe(403);
    expect((await stack.call('GET', `/api/pairings?organizationId=${bank.organizationId}`, { as: office })).json.items).toHaveLength(1);
  });

  it('replays a retried pairing with the same Idempotency-Key', async () => {
    const local = await createTestStack({ clock: manualClock(NOW) });
    const v = await villageWithProduct(local);
    const o = await organizationWithLeader(local, '望江社区');
    const body = { organizationId: o.organizationId, villageId: v.villageId, startDate: '2026-01-01', annualTargetFen: 100 };
    const headers = { 'idempotency-key': 'pairing-key-0001' };
    const [a, b] = await Promise.all([local.call('POST', '/api/pairings', { as: office, body, headers }), local.call('POST', '/api/pairings', { as: office, body, headers })]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.json.pairingId).toBe(b.json.pairingId);
  });

  it("lists an organisation's own pairings for its leader and a village's for its cooperative, nothing else", async () => {
    // Act
    const asLeader = await stack.call('GET', '/api/pairings', { as: yulin.leader });
    const leaderAsksOther = await stack.call('GET', `/api/pairings?organizationId=${bank.organizationId}`, { as: yulin.leader });
    const asCoop = await stack.call('GET', '/api/pairings', { as: otherVillage.coop });
    const coopAsksOther = await stack.call('GET', `/api/pairings?villageId=${village.villageId}`, { as: otherVillage.coop });
    const byVillage = await stack.call('GET', `/api/pairings?villageId=${otherVillage.villageId}`, { as: office });
    const oneOfAnother = await stack.call('GET', `/api/pairings/${pairingId}`, { as: bank.leader });
    // Assess
    expect(asLeader.json.items.map((p: { organizationName: string }) => p.organizationName)).toEqual(['玉林社区']);
    expect(leaderAsksOther.status).toBe(403);
    expect(asCoop.json.items.map((p: { villageName: string }) => p.villageName)).toEqual(['高桥村']);
    expect(coopAsksOther.status).toBe(403);
    expect(byVillage.json.items.map((p: { organizationName: string }) => p.organizationName)).toEqual(['成都银行']);
    expect(oneOfAnother.status).toBe(403);
    expect((await stack.call('GET', '/api/pairings', { as: buyer() })).status).toBe(403);
  });

  it("shows the partner's purchases from that village only, year-on-year and against the joint target", async () => {
    // Prepare
    const yulinBuys = (amountFen: number, occurredAt: string, villageId = village.villageId) =>
      saleOf({ villageId, amountFen, occurredAt, organizationId: yulin.organizationId });
    await appendSales(stack, [
      yulinBuys(300_000, '2025-02-10T10:00:00+08:00'),
      yulinBuys(200_000, '2025-12-10T10:00:00+08:00'),
      yulinBuys(450_000, '2026-02-10T10:00:00+08:00'),
      yulinBuys(50_000, '2026-07-31T23:59:59+08:00'),
      // The same partner buying from another village, and someone else buying from this one, are not the pairing's.
      yulinBuys(999_000, '2026-02-10T10:00:00+08:00', otherVillage.villageId),
      saleOf({ villageId: village.villageId, amountFen: 777_000, occurredAt: '2026-02-11T10:00:00+08:00', organizationId: bank.organizationId }),
      saleOf({ villageId: village.villageId, amountFen: 123_000, occurredAt: '2026-02-12T10:00:00+08:00' }),
      // A refund of part of a purchase.
      yulinBuys(-10_000, '2026-08-02T10:00:00+08:00'),
    ]);
    // Act
    const response = await stack.call('GET', `/api/reports/pairings/${pairingId}?year=2026`, { as: yulin.leader });
    // Assess
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({
      salesFen: 490_000,
      comparedThrough: '2026-10',
      comparedSalesFen: 490_000,
      lastYearSameToDateFen: 300_000,
      lastYearFullYearFen: 500_000,
      // +63.33 %: 190,000 ÷ 300,000.
      yoyBps: 6_333,
      yoyPct: 63.33,
      targetProgressBps: 2_450,
      targetProgressPct: 24.5,
    });
    expect(response.json.pairing.pairingId).toBe(pairingId);
    expect(response.json.monthly[1]).toMatchObject({ salesFen: 450_000, lastYearSalesFen: 300_000, yoyBps: 5_000 });
    expect(response.json.monthly[6]).toMatchObject({ month: '2026-07', salesFen: 50_000, yoyStatus: 'new' });
    expect(response.json.monthly[7]).toMatchObject({ month: '2026-08', salesFen: -10_000, yoyStatus: 'new' });
    const statuses = await Promise.all(
      [village.coop, otherVillage.coop, bank.leader, leaderOf('org_01JAAAAAAAAAAAAAAAAAAAAAAA'), office].map(
        async (as) => (await stack.call('GET', `/api/reports/pairings/${pairingId}?year=2026`, { as })).status,
      ),
    );
    expect(statuses).toEqual([200, 403, 403, 403, 200]);
  });
});

describe('pledges and the organisation report', () => {
  let stack: TestStack;
  let yulin: Awaited<ReturnType<typeof organizationWithLeader>>;
  let bank: Awaited<ReturnType<typeof organizationWithLeader>>;
  let village: TestVillage;
  beforeAll(async () => {
    stack = await createTestStack({ clock: manualClock(NOW) });
    village = await villageWithProduct(stack, { name: '宋家村' });
    yulin = await organizationWithLeader(stack, '玉林社区');
    bank = await organizationWithLeader(stack, '成都银行', 'enterprise');
  });

  it('lets the leader pledge for this year or later, organizers for any year, and no one else', async () => {
    // Act
    const own = await stack.call('PUT', `/api/organizations/${yulin.organizationId}/pledges/2026`, { as: yulin.leader, body: { amountFen: 1_000_000 } });
    const replaced = await stack.call('PUT', `/api/organizations/${yulin.organizationId}/pledges/2026`, { as: yulin.leader, body: { amountFen: 1_200_000, note: '追加' } });
    const past = await stack.call('PUT', `/api/organizations/${yulin.organizationId}/pledges/2025`, { as: yulin.leader, body: { amountFen: 1 } });
    const byOrganizer = await stack.call('PUT', `/api/organizations/${yulin.organizationId}/pledges/2025`, { as: office, body: { amountFen: 800_000 } });
    const otherLeader = await stack.call('PUT', `/api/organizations/${yulin.organizationId}/pledges/2026`, { as: bank.leader, body: { amountFen: 1 } });
    const coop = await stack.call('PUT', `/api/organizations/${yulin.organizationId}/pledges/2026`, { as: village.coop, body: { amountFen: 1 } });
    const zero = await stack.call('PUT', `/api/organizations/${yulin.organizationId}/pledges/2026`, { as: office, body: { amountFen: 0 } });
    const unknown = await stack.call('PUT', '/api/organizations/org_01JAAAAAAAAAAAAAAAAAAAAAAA/pledges/2026', { as: office, body: { amountFen: 1 } });
    const read = await stack.call('GET', `/api/organizations/${yulin.organizationId}/pledges/2026`, { as: yulin.leader });
    // Assess
    expect(own.status).toBe(200);
    expect(replaced.json).toMatchObject({ amountFen: 1_200_000, note: '追加', year: 2026, updatedBy: yulin.leader.accountId });
    expect([past.status, past.json.error.field]).toEqual([400, 'year']);
    expect(byOrganizer.status).toBe(200);
    expect([otherLeader.status, coop.status]).toEqual([403, 403]);
    expect([zero.status, zero.json.error.field]).toEqual([400, 'amountFen']);
    expect(unknown.status).toBe(404);
    expect(read.json.amountFen).toBe(1_200_000);
  });

  it("tracks the organisation's purchases against its pledge, by village, from its monthly sums", async () => {
    // Prepare
    await stack.call('PUT', `/api/organizations/${bank.organizationId}/pledges/2026`, { as: office, body: { amountFen: 400_000 } });
    await appendSales(stack, [
      saleOf({ villageId: village.villageId, amountFen: 100_000, occurredAt: '2025-05-01T10:00:00+08:00', organizationId: bank.organizationId }),
      saleOf({ villageId: village.villageId, amountFen: 150_000, occurredAt: '2026-05-01T10:00:00+08:00', organizationId: bank.organizationId }),
      saleOf({ villageId: village.villageId, amountFen: 50_001, occurredAt: '2026-11-20T10:00:00+08:00', organizationId: bank.organizationId }),
      saleOf({ villageId: village.villageId, amountFen: 70_000, occurredAt: '2026-05-01T10:00:00+08:00', organizationId: yulin.organizationId }),
    ]);
    // Act
    const report = await stack.call('GET', `/api/reports/organizations/${bank.organizationId}?year=2026`, { as: bank.leader });
    const ofOther = await stack.call('GET', `/api/reports/organizations/${yulin.organizationId}?year=2026`, { as: bank.leader });
    // Assess
    expect(report.status).toBe(200);
    expect(report.json).toMatchObject({
      name: '成都银行',
      kind: 'enterprise',
      salesFen: 200_001,
      comparedSalesFen: 150_000,
      lastYearSameToDateFen: 100_000,
      yoyBps: 5_000,
      pledgeFen: 400_000,
      // 200,001 ÷ 400,000 = 50.00025 % → 5,000 bps.
      pledgeProgressBps: 5_000,
      pledgeProgressPct: 50,
      byVillage: { [village.villageId]: 200_001 },
    });
    expect(ofOther.status).toBe(403);
    expect((await stack.call('GET', `/api/reports/organizations/${bank.organizationId}?year=2026`, { as: coopOf(village.villageId) })).status).toBe(403);
  });
});
