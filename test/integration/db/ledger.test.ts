import { describe, expect, it } from 'vitest';
import { ConflictError, ServiceBusyError } from '../../../shared/domain/errors.js';
import type { Sale } from '../../../shared/domain/sale.js';
import { householdFenOf } from '../../../shared/domain/sale.js';
import { freshTable, type Repos } from './db-fixtures.js';

/**
 * The month an instant belongs to in Beijing time, computed independently of the code under test: China has
 * kept UTC+8 without daylight saving since 1991, so adding eight hours and reading the UTC month is exact.
 */
const beijingMonth = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 7);

/** Every sale of a village or an organisation, read page by page from S1/S3. */
async function allSales(read: (cursor: string | undefined) => Promise<{ items: Sale[]; nextCursor: string | null }>): Promise<Sale[]> {
  const out: Sale[] = [];
  let cursor: string | undefined;
  do {
    const page = await read(cursor);
    out.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

function sumsByMonth(sales: Sale[], pick: (sale: Sale) => number = (s) => s.amountFen) {
  const sums = new Map<string, number>();
  for (const sale of sales) sums.set(beijingMonth(sale.occurredAt), (sums.get(beijingMonth(sale.occurredAt)) ?? 0) + pick(sale));
  return Object.fromEntries([...sums].sort());
}

describe('the ledger and its monthly sums (S1–S3, G1, G2)', () => {
  it('keeps every sum equal to its ledger rows after 500 concurrent sales and refunds across a few villages', async () => {
    // Prepare: 3 villages, 4 organisations, instants on both sides of month and year boundaries (Beijing time).
    const { repos, ids } = await freshTable();
    const villages = [ids.next('village'), ids.next('village'), ids.next('village')];
    const organizations = [ids.next('organization'), ids.next('organization'), ids.next('organization'), ids.next('organization')];
    const instants = [
      '2026-10-31T15:59:59.999Z', // 23:59:59.999 on 31 October
      '2026-10-31T16:00:00.000Z', // 00:00:00 on 1 November
      '2026-12-31T15:59:59.000Z', // 23:59:59 on 31 December
      '2026-12-31T16:00:00.000Z', // 00:00:00 on 1 January 2027
      '2026-11-15T04:00:00.000Z',
    ];
    const sales: Sale[] = Array.from({ length: 500 }, (_, i) => {
      const refund = i % 10 === 9;
      return {
        source: `${refund ? 'refund' : 'order'}:${ids.next('order')}:1`,
        villageId: villages[i % 3]!,
        productId: ids.next('product'),
        category: i % 2 ? 'fruit' : 'poultry',
        channel: 'order',
        ...(i % 5 === 0 ? {} : { organizationId: organizations[i % 4]! }),
        quantity: refund ? -1 : 1,
        amountFen: (refund ? -1 : 1) * (1_001 + i * 7),
        farmerShareBps: [10_000, 7_000, 3_333][i % 3]!,
        occurredAt: instants[i % instants.length]!,
      };
    });
    // Act: all at once; what contention turns away (503) the client retries, as it would.
    const settled = await Promise.allSettled(sales.map((sale) => repos.ledger.append([sale])));
    const turnedAway = sales.filter((_, i) => settled[i]!.status === 'rejected');
    for (const result of settled) if (result.status === 'rejected') expect(result.reason).toBeInstanceOf(ServiceBusyError);
    for (const sale of turnedAway) await repos.ledger.append([sale]);
    // Assess
    await expectSumsEqualLedger(repos, villages, organizations, sales);
  });

  it('writes a sale and its sums together or not at all: a repeated source changes nothing', async () => {
    // Prepare
    const { repos, ids } = await freshTable();
    const villageId = ids.next('village');
    const sale: Sale = {
      source: `order:${ids.next('order')}:1`,
      villageId,
      productId: ids.next('product'),
      category: 'honey',
      channel: 'order',
      quantity: 1,
      amountFen: 8_800,
      farmerShareBps: 10_000,
      occurredAt: '2026-11-01T00:00:00.000Z',
    };
    const fresh: Sale = { ...sale, source: `order:${ids.next('order')}:1`, amountFen: 1 };
    await repos.ledger.append([sale]);
    // Act: a batch whose second sale repeats a source is refused whole, its first sale included.
    const repeated = await repos.ledger.append([fresh, sale]).catch((error: unknown) => error);
    // Assess
    expect(repeated).toBeInstanceOf(ConflictError);
    const [month] = await repos.ledger.villageMonths(villageId, '2026-11', '2026-11');
    expect(month).toMatchObject({ salesFen: 8_800, recordCount: 1, byCategory: { honey: 8_800 } });
    expect(await repos.ledger.get(fresh.source)).toBeUndefined();
  });
});

async function expectSumsEqualLedger(repos: Repos, villages: string[], organizations: string[], intended: Sale[]) {
  const years = [2026, 2027];
  const everyVillageMonth = (await Promise.all(years.map((year) => repos.ledger.villageMonthsOfYear(year)))).flat();
  const everyOrganizationMonth = (await Promise.all(years.map((year) => repos.ledger.organizationMonthsOfYear(year)))).flat();
  let rows = 0;
  for (const villageId of villages) {
    const ledger = await allSales((cursor) => repos.ledger.listByVillage({ villageId, limit: 100, cursor }));
    rows += ledger.length;
    const expected = intended.filter((s) => s.villageId === villageId);
    expect(ledger.map((s) => s.source).sort()).toEqual(expected.map((s) => s.source).sort());
    const months = await repos.ledger.villageMonths(villageId, '2026-01', '2027-12');
    const byMonth = (pick: (m: (typeof months)[number]) => number) => Object.fromEntries(months.map((m) => [m.month, pick(m)]).sort());
    expect(byMonth((m) => m.salesFen)).toEqual(sumsByMonth(ledger));
    expect(byMonth((m) => m.householdFen)).toEqual(sumsByMonth(ledger, householdFenOf));
    expect(byMonth((m) => m.recordCount)).toEqual(sumsByMonth(ledger, () => 1));
    expect(Object.keys(byMonth((m) => m.salesFen))).toEqual(['2026-10', '2026-11', '2026-12', '2027-01']);
    for (const organizationId of organizations) {
      expect(byMonth((m) => m.byOrganization[organizationId] ?? 0), organizationId).toEqual(sumsByMonth(ledger, (s) => (s.organizationId === organizationId ? s.amountFen : 0)));
    }
    expect(byMonth((m) => (m.byCategory.fruit ?? 0) + (m.byCategory.poultry ?? 0))).toEqual(sumsByMonth(ledger));
    // G1′ holds the same items as G1.
    expect(everyVillageMonth.filter((m) => m.villageId === villageId).sort((a, b) => (a.month < b.month ? -1 : 1))).toEqual(months);
  }
  expect(rows).toBe(500);
  for (const organizationId of organizations) {
    const ledger = await allSales((cursor) => repos.ledger.listByOrganization({ organizationId, limit: 100, cursor }));
    expect(ledger.length).toBe(intended.filter((s) => s.organizationId === organizationId).length);
    const months = await repos.ledger.organizationMonths(organizationId, '2026-01', '2027-12');
    expect(Object.fromEntries(months.map((m) => [m.month, m.salesFen]).sort())).toEqual(sumsByMonth(ledger));
    for (const villageId of villages) {
      expect(Object.fromEntries(months.map((m) => [m.month, m.byVillage[villageId] ?? 0]).sort())).toEqual(
        sumsByMonth(ledger, (s) => (s.villageId === villageId ? s.amountFen : 0)),
      );
    }
    expect(everyOrganizationMonth.filter((m) => m.organizationId === organizationId).length).toBe(months.length);
  }
  // And the ledger is what was meant: the sum of every intended sale, to the fen.
  const total = everyVillageMonth.reduce((sum, m) => sum + m.salesFen, 0);
  expect(total).toBe(intended.reduce((sum, s) => sum + s.amountFen, 0));
}
