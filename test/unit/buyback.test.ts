import { describe, expect, it } from 'vitest';
import {
  CalendarDay,
  GuaranteeOffer,
  IsoWeek,
  breachOf,
  closesAtOf,
  dayInShanghai,
  isoWeekOf,
  priceDelivery,
  totalsOf,
  utilisationBpsOf,
  type Guarantee,
  type MarketReference,
  type Settlement,
  type StoredDelivery,
} from '../../shared/domain/buyback.js';
import { householdFenOf } from '../../shared/domain/sale.js';
import { salesOf } from '../../shared/domain/use-cases/buyback/settlements.js';

const reference = (priceFen: number, source: MarketReference['source'] = 'entered'): MarketReference => ({
  isoWeek: '2026-W47',
  priceFen,
  source,
  productId: 'prd_01JD0000000000000000000000',
});

describe('the price rule: max(floor, market reference)', () => {
  it.each([
    ['below the floor', 14_999, 15_000, 'floor'],
    ['equal to the floor', 15_000, 15_000, 'floor'],
    ['above the floor', 15_001, 15_001, 'market'],
  ] as const)('market %s: unit price %d', (_case, market, unitPriceFen, basis) => {
    // Act
    const pricing = priceDelivery({ termsVersion: 2, floorPriceFen: 15_000, reference: reference(market), quantity: 7, unit: '只' });
    // Assess
    expect(pricing).toMatchObject({ termsVersion: 2, floorPriceFen: 15_000, unitPriceFen, amountFen: unitPriceFen * 7, basis, marketReference: reference(market) });
    expect(pricing.rule).toContain('¥150.00');
    expect(pricing.rule).toContain('2026-W47');
  });

  it('names where the reference came from: entered by organizers, or the list price', () => {
    expect(priceDelivery({ termsVersion: 1, floorPriceFen: 100, reference: reference(168, 'list_price'), quantity: 1, unit: '斤' }).rule).toContain('list price');
    expect(priceDelivery({ termsVersion: 1, floorPriceFen: 100, reference: reference(168), quantity: 1, unit: '斤' }).rule).toContain('entered by organizers');
  });
});

describe('the breach rule', () => {
  const breach = (offeredQuantity: number, acceptedQuantity: number, market = 12_000) =>
    breachOf({ committedQuantity: 100, offeredQuantity, acceptedQuantity, floorPriceFen: 15_000, reference: reference(market) });

  it('no breach when the village offered less than the commitment, even if the buyer took less still', () => {
    expect(breach(99, 0)).toBeNull();
    expect(breach(99, 50)).toBeNull();
  });

  it('offered exactly the commitment and accepted one less: one unit unmet, compensated at floor − market', () => {
    expect(breach(100, 99)).toMatchObject({ unmetQuantity: 1, compensationPerUnitFen: 3_000, compensationFen: 3_000, floorPriceFen: 15_000 });
  });

  it('no breach once the buyer accepted the commitment (or more)', () => {
    expect(breach(150, 100)).toBeNull();
    expect(breach(150, 110)).toBeNull();
  });

  it('the unmet quantity is committed − accepted, however much more was offered', () => {
    expect(breach(400, 30)).toMatchObject({ unmetQuantity: 70, compensationFen: 70 * 3_000 });
  });

  it.each([
    [14_999, 1],
    [15_000, 0],
    [15_001, 0],
  ])('market %d against a floor of 15000: %d fen per unit (never negative)', (market, perUnit) => {
    expect(breach(100, 40, market)).toMatchObject({ unmetQuantity: 60, compensationPerUnitFen: perUnit, compensationFen: 60 * perUnit });
  });
});

describe('window edges and weeks in Asia/Shanghai', () => {
  it('a window closes at 00:00 Beijing time after its last day, as a UTC instant', () => {
    expect(closesAtOf('2026-11-30')).toBe('2026-11-30T16:00:00.000Z');
    expect(closesAtOf('2026-12-31')).toBe('2026-12-31T16:00:00.000Z');
    expect(closesAtOf('2028-02-28')).toBe('2028-02-28T16:00:00.000Z');
  });

  it("today is Beijing's date, not UTC's", () => {
    expect(dayInShanghai(new Date('2026-11-30T15:59:59.999Z'))).toBe('2026-11-30');
    expect(dayInShanghai(new Date('2026-11-30T16:00:00.000Z'))).toBe('2026-12-01');
  });

  it('ISO weeks run Monday to Sunday and belong to their ISO week-numbering year', () => {
    expect(isoWeekOf('2026-11-22')).toBe('2026-W47');
    expect(isoWeekOf('2026-11-23')).toBe('2026-W48');
    expect(isoWeekOf('2027-01-01')).toBe('2026-W53');
    expect(isoWeekOf('2021-01-03')).toBe('2020-W53');
    expect(isoWeekOf('2024-12-30')).toBe('2025-W01');
  });

  it('accepts only real days and real weeks', () => {
    expect(CalendarDay.safeParse('2028-02-29').success).toBe(true);
    expect(CalendarDay.safeParse('2026-02-29').success).toBe(false);
    expect(CalendarDay.safeParse('2026-11-1').success).toBe(false);
    expect(IsoWeek.safeParse('2026-W53').success).toBe(true);
    expect(IsoWeek.safeParse('2025-W53').success).toBe(false);
    expect(IsoWeek.safeParse('2026-W00').success).toBe(false);
    expect(IsoWeek.safeParse('2026-47').success).toBe(false);
  });
});

describe('an offer', () => {
  const valid = {
    villageId: 'vil_01JD0000000000000000000000',
    productId: 'prd_01JD0000000000000000000000',
    window: { start: '2026-11-01', end: '2026-11-30' },
    floorPriceFen: 15_000,
    committedQuantity: 100,
    acceptedGrades: ['一级'],
    deliveryPlace: '收购点',
  };
  const fieldsOf = (input: unknown) => {
    const result = GuaranteeOffer.safeParse(input);
    return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
  };

  it('defaults to no maximum', () => {
    expect(GuaranteeOffer.parse(valid).maximumQuantity).toBeNull();
  });

  it('names the field at fault', () => {
    expect(fieldsOf({ ...valid, maximumQuantity: 99 })).toEqual(['maximumQuantity']);
    expect(fieldsOf({ ...valid, window: { start: '2026-11-30', end: '2026-11-01' } })).toEqual(['window.end']);
    expect(fieldsOf({ ...valid, category: 'poultry', unit: '只' })).toEqual(['productId']);
    expect(fieldsOf({ ...valid, productId: undefined, category: 'poultry' })).toEqual(['productId']);
    expect(fieldsOf({ ...valid, acceptedGrades: ['一级', '一级'] })).toEqual(['acceptedGrades']);
    expect(fieldsOf({ ...valid, floorPriceFen: 150.5 })).toEqual(['floorPriceFen']);
    expect(fieldsOf({ ...valid, productId: undefined, category: 'poultry', unit: '只' })).toEqual([]);
  });
});

describe('utilisation and totals', () => {
  it('utilisation is accepted ÷ committed in basis points, rounded down', () => {
    expect(utilisationBpsOf(1, 3)).toBe(3_333);
    expect(utilisationBpsOf(3, 3)).toBe(10_000);
    expect(utilisationBpsOf(4, 3)).toBe(13_333);
    expect(utilisationBpsOf(5, 0)).toBe(0);
  });

  it('totals count only accepted guarantees, and only breaches still open', () => {
    // Prepare
    const base = { terms: { committedQuantity: 100, floorPriceFen: 15_000 }, acceptedQuantity: 0, acceptedFen: 0, paidFen: 0, breach: null };
    const guarantees = [
      { ...base, status: 'active', acceptedQuantity: 50, acceptedFen: 800_000, paidFen: 300_000 },
      { ...base, status: 'closed', acceptedQuantity: 30, acceptedFen: 450_000, paidFen: 450_000, breach: { status: 'open', compensationFen: 210_000 } },
      { ...base, status: 'closed', acceptedQuantity: 100, breach: { status: 'settled', compensationFen: 99_000 } },
      { ...base, status: 'offered', terms: { committedQuantity: 9_999, floorPriceFen: 15_000 } },
      { ...base, status: 'declined' },
      { ...base, status: 'lapsed', terms: { committedQuantity: 7_777, floorPriceFen: 15_000 } },
    ] as unknown as Guarantee[];
    // Act
    const totals = totalsOf(guarantees);
    // Assess
    expect(totals).toEqual({
      guarantees: 3,
      committedQuantity: 300,
      acceptedQuantity: 180,
      committedValueFen: 4_500_000,
      utilisationBps: 6_000,
      paidFen: 750_000,
      owedFen: 500_000,
      openBreaches: 1,
      breachCompensationFen: 210_000,
    });
  });
});

describe('the sales a settlement writes and the reversals its refund writes', () => {
  const delivery = (deliveryId: string, quantity: number, amountFen: number) =>
    ({
      deliveryId,
      villageId: 'vil_01JD0000000000000000000001',
      product: { productId: 'prd_01JD0000000000000000000001', productName: '土鸡', unit: '只', category: 'poultry', farmerShareBps: 6_667 },
      quantity,
      pricing: { amountFen },
    }) as unknown as StoredDelivery;
  const settlement = (settlementId: string) =>
    ({ settlementId, organizationId: 'org_01JD0000000000000000000001', createdBy: { accountId: 'acc_01JD0000000000000000000001' } }) as unknown as Settlement;
  const at = new Date('2026-11-18T04:00:00.000Z');
  const d1 = delivery('bbd_01JD0000000000000000000001', 3, 50_001);

  it('a reversal is its sale negated, names it, and cancels its household share to the fen', () => {
    // Act
    const [sale] = salesOf(settlement('bbs_01JD0000000000000000000001'), [d1], at);
    const [reversal] = salesOf(settlement('bbs_01JD0000000000000000000001'), [d1], at, true);
    // Assess
    expect(sale).toMatchObject({ source: 'buyback:bbd_01JD0000000000000000000001:bbs_01JD0000000000000000000001', quantity: 3, amountFen: 50_001, channel: 'buyback' });
    expect(sale!.reverses).toBeUndefined();
    expect(reversal).toMatchObject({
      source: 'refund:buyback:bbd_01JD0000000000000000000001:bbs_01JD0000000000000000000001',
      reverses: sale!.source,
      quantity: -3,
      amountFen: -50_001,
      organizationId: 'org_01JD0000000000000000000001',
    });
    expect(householdFenOf(sale!) + householdFenOf(reversal!)).toBe(0);
  });

  it('paid, refunded, paid again, refunded again: four occurrences, four sources', () => {
    // Act
    const sources = ['bbs_01JD0000000000000000000001', 'bbs_01JD0000000000000000000002'].flatMap((id) => [
      salesOf(settlement(id), [d1], at)[0]!.source,
      salesOf(settlement(id), [d1], at, true)[0]!.source,
    ]);
    // Assess
    expect(new Set(sources).size).toBe(4);
  });
});
