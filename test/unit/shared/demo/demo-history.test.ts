import { describe, expect, it } from 'vitest';
import { CALIBRATED_VILLAGE_REF, demoHistory, type DemoHistoryIds } from '../../../../shared/demo/demo-history.js';
import { demoOrganizations, demoVillages } from '../../../../shared/demo/demo-data.js';
import { applyBasisPoints } from '../../../../shared/domain/money.js';
import { Sale } from '../../../../shared/domain/sale.js';
import { monthInShanghai } from '../../../../shared/domain/season.js';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A valid prefixed id that names its ref, so a failing assertion says which village or product it was. */
function fakeId(prefix: string, ref: string): string {
  let h = 2166136261;
  let body = '';
  for (let i = 0; i < 26; i++) {
    h = Math.imul(h ^ (ref.charCodeAt(i % ref.length) + i), 16777619) >>> 0;
    body += CROCKFORD[h % 32];
  }
  return `${prefix}_${body}`;
}

const villageIds = new Map(demoVillages.map((v) => [fakeId('vil', v.ref), v]));
const ids: DemoHistoryIds = {
  village: (ref) => fakeId('vil', ref),
  product: (villageRef, productRef) => fakeId('prd', `${villageRef}/${productRef}`),
  organization: (ref) => fakeId('org', ref),
  coopAccount: (ref) => fakeId('acc', `coop-${ref}`),
  buyerAccounts: [fakeId('acc', 'buyer-1'), fakeId('acc', 'buyer-2')],
};

// The demo's "today": the seed clock on 22 November 2026, 10:00 in Beijing.
const NOW = new Date('2026-11-22T02:00:00.000Z');
const sales = demoHistory({ now: NOW, ids });

const tudiao = demoVillages.find((v) => v.ref === CALIBRATED_VILLAGE_REF)!;
const salesOf = (villageRef: string) => sales.filter((s) => s.villageId === fakeId('vil', villageRef));
const months = new WeakMap<Sale, string>();
const monthOf = (sale: Sale) => {
  let month = months.get(sale);
  if (!month) months.set(sale, (month = monthInShanghai(new Date(sale.occurredAt))));
  return month;
};
const sum = (list: Sale[], pick: (s: Sale) => number = (s) => s.amountFen) => list.reduce((total, s) => total + pick(s), 0);
const inMonths = (list: Sale[], year: number, through: number) => list.filter((s) => monthOf(s) >= `${year}-01` && monthOf(s) <= `${year}-${String(through).padStart(2, '0')}`);

/** Year-on-year as the reports compute it: January through the last month that has ended (October on 22 Nov). */
const growthPct = (list: Sale[]) => (sum(inMonths(list, 2026, 10)) / sum(inMonths(list, 2025, 10)) - 1) * 100;

describe('demo sales history', () => {
  it('is deterministic: the same day gives the same records, and a later day leaves the past untouched', () => {
    // Act
    const again = demoHistory({ now: new Date('2026-11-22T14:30:00.000Z'), ids });
    const nextDay = demoHistory({ now: new Date('2026-11-23T02:00:00.000Z'), ids });
    // Assess
    expect(again).toEqual(sales);
    const before2026 = (list: Sale[]) => list.filter((s) => s.occurredAt < '2025-12-31T16:00:00.000Z');
    expect(before2026(nextDay)).toEqual(before2026(sales));
    expect(nextDay.length).toBeGreaterThan(sales.length);
  });

  it('covers 2024 and 2025 whole and 2026 up to yesterday, Beijing time', () => {
    const months = new Set(sales.map(monthOf));
    expect([...months].sort()[0]).toBe('2024-01');
    for (let m = 1; m <= 12; m++) expect(months.has(`2025-${String(m).padStart(2, '0')}`)).toBe(true);
    const last = sales.reduce((latest, s) => (s.occurredAt > latest ? s.occurredAt : latest), '');
    // Midnight of 22 November in Beijing is 16:00 UTC on the 21st.
    expect(last < '2026-11-21T16:00:00.000Z').toBe(true);
    expect(last > '2026-11-20T16:00:00.000Z').toBe(true);
  });

  it('shows 土地坳村 at about +15% and about +¥1,200 per person, computed from its records', () => {
    const own = salesOf(CALIBRATED_VILLAGE_REF);
    const perCapitaFen = sum(own.filter((s) => s.occurredAt >= '2025-12-31T16:00:00.000Z'), (s) => s.householdFen!) / tudiao.input.population;
    const growth = growthPct(own);
    expect(growth).toBeGreaterThanOrEqual(13);
    expect(growth).toBeLessThanOrEqual(17);
    expect(perCapitaFen).toBeGreaterThanOrEqual(108_000);
    expect(perCapitaFen).toBeLessThanOrEqual(132_000);
    // The year-end pace (this year so far scaled by last year's shape) lands near the target too.
    const lastYearToDate = sum(own.filter((s) => s.occurredAt >= '2024-12-31T16:00:00.000Z' && s.occurredAt < '2025-11-21T16:00:00.000Z'), (s) => s.householdFen!);
    const lastYear = sum(own.filter((s) => monthOf(s).startsWith('2025-')), (s) => s.householdFen!);
    const projectedFen = (perCapitaFen * lastYear) / lastYearToDate;
    expect(projectedFen).toBeGreaterThanOrEqual(108_000);
    expect(projectedFen).toBeLessThanOrEqual(132_000);
  });

  it("holds every other full-year village's 2025 total at its baseline, with growth that varies, shrinks and starts", () => {
    const growth = new Map<string, number>();
    for (const village of demoVillages.filter((v) => v.ref !== CALIBRATED_VILLAGE_REF)) {
      const own = salesOf(village.ref);
      const in2024 = sum(own.filter((s) => monthOf(s).startsWith('2024-')));
      if (in2024 === 0) continue; // a newcomer: its 2025 is partial
      const in2025 = sum(own.filter((s) => monthOf(s).startsWith('2025-')));
      expect(Math.abs(in2025 - village.input.baseline.salesFen) / village.input.baseline.salesFen, village.ref).toBeLessThan(0.01);
      growth.set(village.ref, growthPct(own));
    }
    const rates = [...growth.values()];
    expect(rates.filter((r) => r < 0).length).toBeGreaterThanOrEqual(3);
    expect(Math.max(...rates) - Math.min(...rates)).toBeGreaterThan(30);
    // Two villages joined during 2025: nothing before their first month.
    const newcomers = demoVillages.filter((v) => sum(salesOf(v.ref).filter((s) => monthOf(s).startsWith('2024-'))) === 0);
    expect(newcomers.map((v) => v.ref).sort()).toEqual(['gaoqiao', 'maichi']);
  });

  it('keeps the record count small, mixes all four channels and shapes sales by season', () => {
    expect(sales.length).toBeLessThanOrEqual(25_000);
    const channels = new Map<string, number>();
    for (const s of sales) channels.set(s.channel, (channels.get(s.channel) ?? 0) + 1);
    expect([...channels.keys()].sort()).toEqual(['buyback', 'group_buy', 'offline', 'order']);
    // Fresh plums sell only in their window; chickens peak before Spring Festival (29 Jan 2025).
    const plums = sales.filter((s) => s.productId === fakeId('prd', 'tudiao/tudiao-plums'));
    expect(plums.length).toBeGreaterThan(0);
    for (const s of plums) expect(['06', '07', '08']).toContain(monthOf(s).slice(5));
    const chicken2025 = sales.filter((s) => s.productId === fakeId('prd', 'tudiao/tudiao-chicken') && monthOf(s).startsWith('2025-'));
    expect(sum(chicken2025.filter((s) => monthOf(s) === '2025-01'))).toBeGreaterThan(1.5 * (sum(chicken2025) / 12));
  });

  it('writes valid, uniquely sourced records whose buyers are organisations paired with the village', () => {
    expect(new Set(sales.map((s) => s.source)).size).toBe(sales.length);
    const organizationRefs = new Map(demoOrganizations.map((o) => [fakeId('org', o.ref), o]));
    for (const sale of sales) {
      expect(() => Sale.parse(sale)).not.toThrow();
      const village = villageIds.get(sale.villageId)!;
      expect(sale.source.startsWith(`demo:${village.ref}:`)).toBe(true);
      expect(sale.householdFen).toBe(applyBasisPoints(sale.amountFen, sale.farmerShareBps));
      if (sale.organizationId) expect(organizationRefs.get(sale.organizationId)?.pairedVillageRefs, sale.source).toContain(village.ref);
      if (sale.channel === 'offline') expect(sale.counterparty).toBeTruthy();
    }
    // Refunds are negative records of consumer orders; processed goods pass less than all of it to households.
    expect(sales.some((s) => s.amountFen < 0 && s.channel === 'order')).toBe(true);
    expect(sales.some((s) => s.farmerShareBps < 10_000 && s.householdFen! < s.amountFen)).toBe(true);
  });
});
