import { beforeAll, describe, expect, it } from 'vitest';
import { Guarantee, Settlement, StoredDelivery, TermsVersion, closesAtOf, priceDelivery, type MarketPrice } from '../../../shared/domain/buyback.js';
import type { IdGenerator } from '../../../shared/domain/ids.js';
import { salesOf } from '../../../shared/domain/use-cases/buyback/settlements.js';
import { freshTable, type Repos } from './db-fixtures.js';

const NOW = new Date('2026-11-18T04:00:00.000Z');
const leader = { accountId: 'acc_01JD0000000000000000000001', role: 'leader' as const, displayName: '王强' };
const coop = { accountId: 'acc_01JD0000000000000000000002', role: 'coop' as const, displayName: '合作社' };

function makeGuarantee(ids: IdGenerator, overrides: Partial<Guarantee> & { end?: string } = {}): Guarantee {
  const { end = '2026-11-30', ...rest } = overrides;
  const terms = {
    window: { start: '2026-11-01', end },
    floorPriceFen: 15_000,
    committedQuantity: 100,
    maximumQuantity: 120,
    acceptedGrades: ['一级'],
    deliveryPlace: '收购点',
    version: 1,
  };
  return Guarantee.parse({
    guaranteeId: ids.next('guarantee'),
    villageId: 'vil_01JD0000000000000000000001',
    villageName: '土地坳村',
    organizationId: 'org_01JD0000000000000000000001',
    organizationName: '成都市家禽产业协会',
    scope: { kind: 'product', productId: 'prd_01JD0000000000000000000001', productName: '土鸡', category: 'poultry', unit: '只' },
    status: 'offered',
    terms,
    termsVersion: 1,
    pendingAmendmentVersion: null,
    lastTermsVersion: 1,
    closesAt: closesAtOf(end),
    offeredQuantity: 0,
    acceptedQuantity: 0,
    rejectedQuantity: 0,
    acceptedFen: 0,
    paidQuantity: 0,
    paidFen: 0,
    deliveryCount: 0,
    breach: null,
    offeredBy: leader,
    createdAt: NOW.toISOString(),
    updatedAt: NOW.toISOString(),
    ...rest,
  });
}

const offerOf = (g: Guarantee): TermsVersion => TermsVersion.parse({ ...g.terms, guaranteeId: g.guaranteeId, status: 'proposed', proposedBy: leader, proposedAt: NOW.toISOString() });

/** Creates an offer and, unless told otherwise, has it accepted (which schedules its close). */
async function stored(repos: Repos, g: Guarantee, accept = true): Promise<Guarantee> {
  await repos.buyback.create(g, offerOf(g));
  if (accept) await repos.buyback.decideOffer({ guaranteeId: g.guaranteeId, status: 'active', terms: { ...offerOf(g), status: 'accepted' }, closesAt: g.closesAt, now: NOW });
  return (await repos.buyback.get(g.guaranteeId))!;
}

describe('buyback guarantees in DynamoDB', () => {
  let repos: Repos;
  let ids: IdGenerator;

  beforeAll(async () => {
    ({ repos, ids } = await freshTable());
  });

  it('B2/B3: every guarantee, one village’s, one organisation’s, both, by status; newest first', async () => {
    // Prepare
    const villageA = 'vil_01JD00000000000000000000AA';
    const villageB = 'vil_01JD00000000000000000000BB';
    const orgA = 'org_01JD00000000000000000000AA';
    const orgB = 'org_01JD00000000000000000000BB';
    const aa = await stored(repos, makeGuarantee(ids, { villageId: villageA, organizationId: orgA }));
    const ab = await stored(repos, makeGuarantee(ids, { villageId: villageA, organizationId: orgB }), false);
    const ba = await stored(repos, makeGuarantee(ids, { villageId: villageB, organizationId: orgA }));
    const idsOf = (list: Guarantee[]) => list.map((g) => g.guaranteeId).filter((id) => [aa, ab, ba].some((g) => g.guaranteeId === id));
    // Act & Assess
    expect(idsOf(await repos.buyback.list({}))).toEqual([ba.guaranteeId, ab.guaranteeId, aa.guaranteeId]);
    expect(idsOf(await repos.buyback.list({ villageId: villageA }))).toEqual([ab.guaranteeId, aa.guaranteeId]);
    expect(idsOf(await repos.buyback.list({ organizationId: orgA }))).toEqual([ba.guaranteeId, aa.guaranteeId]);
    expect(idsOf(await repos.buyback.list({ villageId: villageA, organizationId: orgA }))).toEqual([aa.guaranteeId]);
    expect(idsOf(await repos.buyback.list({ villageId: villageA, status: 'offered' }))).toEqual([ab.guaranteeId]);
    expect(idsOf(await repos.buyback.list({ organizationId: orgA, status: 'offered' }))).toEqual([]);
  });

  it('B1′/B4/B5: the guarantee with every terms version and delivery, in one read', async () => {
    // Prepare
    const g = await stored(repos, makeGuarantee(ids));
    const delivery = StoredDelivery.parse({
      deliveryId: ids.next('delivery'),
      guaranteeId: g.guaranteeId,
      villageId: g.villageId,
      organizationId: g.organizationId,
      product: { productId: 'prd_01JD0000000000000000000001', villageId: g.villageId, productName: '土鸡', unit: '只', category: 'poultry', farmerShareBps: 10_000 },
      quantity: 5,
      grade: '一级',
      deliveredOn: '2026-11-16',
      isoWeek: '2026-W47',
      status: 'recorded',
      termsVersion: 1,
      recordedBy: coop,
      recordedAt: NOW.toISOString(),
    });
    // Act
    const recorded = await repos.buyback.recordDelivery({ delivery, now: NOW });
    const record = await repos.buyback.getRecord(g.guaranteeId);
    // Assess
    expect(recorded).toBe('done');
    expect(record?.guarantee).toMatchObject({ status: 'active', offeredQuantity: 5, deliveryCount: 1 });
    expect(record?.terms.map((t) => [t.version, t.status])).toEqual([[1, 'accepted']]);
    expect(record?.deliveries).toEqual([delivery]);
    expect(await repos.buyback.getDelivery(g.guaranteeId, delivery.deliveryId)).toEqual(delivery);
    expect(await repos.buyback.getRecord(ids.next('guarantee'))).toBeUndefined();
  });

  it('B6: active guarantees past their close are due; the entry moves with an amendment and goes at the close', async () => {
    // Prepare
    const due = await stored(repos, makeGuarantee(ids, { end: '2026-11-20' }));
    const later = await stored(repos, makeGuarantee(ids, { end: '2026-11-25' }));
    const afterDue = new Date('2026-11-20T16:00:00.000Z');
    const amendment = TermsVersion.parse({ ...offerOf(later), version: 2, window: { start: '2026-11-01', end: '2026-11-19' } });
    await repos.buyback.proposeAmendment({ guaranteeId: later.guaranteeId, baseVersion: 1, amendment, now: NOW });
    // Act
    const before = await repos.buyback.listDueToClose(new Date('2026-11-20T15:59:59.999Z'), 100);
    const accepted = await repos.buyback.acceptAmendment({ guarantee: later, amendment: { ...amendment, status: 'accepted' }, closesAt: closesAtOf('2026-11-19'), now: NOW });
    const atClose = await repos.buyback.listDueToClose(afterDue, 100);
    const closed = await repos.buyback.close({ guarantee: (await repos.buyback.get(due.guaranteeId))!, breach: null, now: afterDue });
    const closedAgain = await repos.buyback.close({ guarantee: (await repos.buyback.get(due.guaranteeId))!, breach: null, now: afterDue });
    const afterClose = await repos.buyback.listDueToClose(afterDue, 100);
    // Assess
    expect(before).not.toContain(due.guaranteeId);
    expect(accepted).toBe('done');
    expect(atClose).toEqual(expect.arrayContaining([due.guaranteeId, later.guaranteeId]));
    expect([closed, closedAgain]).toEqual([true, false]);
    expect(afterClose).not.toContain(due.guaranteeId);
    expect(afterClose).toContain(later.guaranteeId);
    expect((await repos.buyback.get(due.guaranteeId))?.status).toBe('closed');
  });

  it('B6: an offer is due at the same instant until decided; a declined one never is, and a lapsed one leaves the index', async () => {
    // Prepare: three offers for 1–20 November; one accepted, one declined, one left undecided
    const accepted = await stored(repos, makeGuarantee(ids, { end: '2026-11-20' }));
    const declined = await stored(repos, makeGuarantee(ids, { end: '2026-11-20' }), false);
    const undecided = await stored(repos, makeGuarantee(ids, { end: '2026-11-20' }), false);
    const lastMoment = new Date('2026-11-20T15:59:59.999Z');
    const midnight = new Date('2026-11-20T16:00:00.000Z');
    const declining = await repos.buyback.decideOffer({ guaranteeId: declined.guaranteeId, status: 'declined', terms: { ...offerOf(declined), status: 'declined' }, closesAt: declined.closesAt, now: NOW });
    // Act
    const beforeMidnight = await repos.buyback.listDueToClose(lastMoment, 100);
    const lapsedEarly = await repos.buyback.lapseOffer({ guarantee: undecided, now: lastMoment });
    const atMidnight = await repos.buyback.listDueToClose(midnight, 100);
    const lateAcceptance = await repos.buyback.decideOffer({ guaranteeId: undecided.guaranteeId, status: 'active', terms: { ...offerOf(undecided), status: 'accepted' }, closesAt: undecided.closesAt, now: midnight });
    const lapsedAcceptedOne = await repos.buyback.lapseOffer({ guarantee: accepted, now: midnight });
    const lapsed = await repos.buyback.lapseOffer({ guarantee: undecided, now: midnight });
    const lapsedAgain = await repos.buyback.lapseOffer({ guarantee: undecided, now: midnight });
    const afterLapse = await repos.buyback.listDueToClose(midnight, 100);
    // Assess
    expect(declining).toBe(true);
    expect(beforeMidnight).not.toEqual(expect.arrayContaining([undecided.guaranteeId]));
    expect(lapsedEarly).toBe(false);
    expect(atMidnight).toEqual(expect.arrayContaining([accepted.guaranteeId, undecided.guaranteeId]));
    expect(atMidnight).not.toContain(declined.guaranteeId);
    expect(lateAcceptance).toBe(false);
    expect(lapsedAcceptedOne).toBe(false);
    expect([lapsed, lapsedAgain]).toEqual([true, false]);
    expect(afterLapse).not.toContain(undecided.guaranteeId);
    expect(afterLapse).toContain(accepted.guaranteeId);
    const record = await repos.buyback.getRecord(undecided.guaranteeId);
    expect(record?.guarantee).toMatchObject({ status: 'lapsed', closedAt: midnight.toISOString() });
    expect(record?.terms.map((t) => [t.version, t.status])).toEqual([[1, 'lapsed']]);
    expect((await repos.buyback.get(accepted.guaranteeId))?.status).toBe('active');
  });

  it('B7/B8/B9: a settlement by id, a guarantee’s settlements, and unpaid ones past their deadline only', async () => {
    // Prepare
    const g = await stored(repos, makeGuarantee(ids));
    const settlementOf = (payBy: string, status: Settlement['status'] = 'pending_payment') =>
      Settlement.parse({
        settlementId: ids.next('settlement'),
        guaranteeId: g.guaranteeId,
        villageId: g.villageId,
        organizationId: g.organizationId,
        deliveryIds: [ids.next('delivery')],
        quantity: 1,
        amountFen: 15_000,
        description: '村链保价回购',
        status,
        paymentId: 'pi_sim_x',
        createdBy: leader,
        createdAt: NOW.toISOString(),
        payBy,
        updatedAt: NOW.toISOString(),
      });
    const overdue = settlementOf('2026-11-18T05:00:00.000Z');
    const fresh = settlementOf('2026-11-19T05:00:00.000Z');
    await repos.buyback.createSettlement(overdue, []);
    await repos.buyback.createSettlement(fresh, []);
    // Act
    const found = await repos.buyback.listSettlementsOverdue(new Date('2026-11-18T06:00:00.000Z'), 100);
    const failed = await repos.buyback.settlementFailed({ settlement: { ...overdue, status: 'failed', closedReason: 'payment_window_expired' }, deliveries: [] });
    const foundAfter = await repos.buyback.listSettlementsOverdue(new Date('2026-11-18T06:00:00.000Z'), 100);
    // Assess
    expect(found.map((s) => s.settlementId)).toContain(overdue.settlementId);
    expect(found.map((s) => s.settlementId)).not.toContain(fresh.settlementId);
    expect(failed).toBe(true);
    expect(foundAfter.map((s) => s.settlementId)).not.toContain(overdue.settlementId);
    expect((await repos.buyback.listSettlements(g.guaranteeId)).map((s) => [s.settlementId, s.status])).toEqual([
      [overdue.settlementId, 'failed'],
      [fresh.settlementId, 'pending_payment'],
    ]);
    expect(await repos.buyback.getSettlement(fresh.settlementId)).toEqual(fresh);
  });

  it('B7/B5/B1/S2: a refund moves the settlement, its deliveries, the paid counters and the ledger together, or nothing at all', async () => {
    // Prepare: two deliveries accepted at ¥150.00 and paid by one settlement
    const g = await stored(repos, makeGuarantee(ids));
    const settlementId = ids.next('settlement');
    const delivery = (quantity: number): StoredDelivery =>
      StoredDelivery.parse({
        deliveryId: ids.next('delivery'),
        guaranteeId: g.guaranteeId,
        villageId: g.villageId,
        organizationId: g.organizationId,
        product: { productId: 'prd_01JD0000000000000000000001', villageId: g.villageId, productName: '土鸡', unit: '只', category: 'poultry', farmerShareBps: 7_000 },
        quantity,
        grade: '一级',
        deliveredOn: '2026-11-16',
        isoWeek: '2026-W47',
        status: 'recorded',
        termsVersion: 1,
        recordedBy: coop,
        recordedAt: NOW.toISOString(),
      });
    const priced = (d: StoredDelivery): StoredDelivery => ({
      ...d,
      status: 'accepted',
      pricing: priceDelivery({ termsVersion: 1, floorPriceFen: 15_000, reference: { isoWeek: '2026-W47', priceFen: 14_000, source: 'entered', productId: d.product.productId }, quantity: d.quantity, unit: '只' }),
    });
    const deliveries = [delivery(3), delivery(4)];
    for (const d of deliveries) {
      await repos.buyback.recordDelivery({ delivery: d, now: NOW });
      await repos.buyback.acceptDelivery({ delivery: priced(d), maximumQuantity: null, now: NOW });
    }
    const accepted = deliveries.map(priced);
    const settlement = Settlement.parse({
      settlementId,
      guaranteeId: g.guaranteeId,
      villageId: g.villageId,
      organizationId: g.organizationId,
      deliveryIds: accepted.map((d) => d.deliveryId),
      quantity: 7,
      amountFen: 105_000,
      description: '村链保价回购',
      status: 'pending_payment',
      paymentId: 'pi_sim_refund',
      createdBy: leader,
      createdAt: NOW.toISOString(),
      payBy: '2026-11-19T04:00:00.000Z',
      updatedAt: NOW.toISOString(),
    });
    await repos.buyback.createSettlement(settlement, accepted.map((d) => ({ ...d, status: 'settling', settlementId })));
    const paidDeliveries = accepted.map((d): StoredDelivery => ({ ...d, status: 'paid', settlementId, paidAt: NOW.toISOString() }));
    const paidSettlement: Settlement = { ...settlement, status: 'paid', paidAt: NOW.toISOString() };
    await repos.buyback.settlementPaid({ settlement: paidSettlement, deliveries: paidDeliveries, sales: salesOf(settlement, paidDeliveries, NOW), eventId: `evt_${settlementId}_paid` });
    const refundedAt = new Date('2026-11-18T05:00:00.000Z');
    const refundedSettlement: Settlement = { ...paidSettlement, status: 'refunded', refundedAt: refundedAt.toISOString(), updatedAt: refundedAt.toISOString() };
    const owedAgain = paidDeliveries.map((d): StoredDelivery => {
      const { settlementId: _s, paidAt: _p, ...rest } = d;
      return { ...rest, status: 'accepted' };
    });
    const reversals = salesOf(settlement, paidDeliveries, refundedAt, true);
    const refund = (deliveriesSeen: StoredDelivery[], eventId: string) =>
      repos.buyback.settlementRefunded({ settlement: refundedSettlement, deliveries: deliveriesSeen, sales: reversals, eventId });
    // Act: a refund naming a delivery this settlement did not pay, then the right one, then the same again
    const [first, second] = paidDeliveries;
    const wrongRead = await repos.buyback.settlementRefunded({
      settlement: refundedSettlement,
      deliveries: [owedAgain[0]!, { ...owedAgain[1]!, deliveryId: ids.next('delivery') }],
      sales: reversals,
      eventId: 'evt_refund_wrong',
    });
    const afterWrongRead = { guarantee: await repos.buyback.get(g.guaranteeId), settlement: await repos.buyback.getSettlement(settlementId), reversal: await repos.ledger.get(reversals[0]!.source) };
    const applied = await refund(owedAgain, 'evt_refund_1');
    const again = await refund(owedAgain, 'evt_refund_2');
    // Assess
    expect(wrongRead).toBe(false);
    expect(afterWrongRead.guarantee).toMatchObject({ paidQuantity: 7, paidFen: 105_000 });
    expect(afterWrongRead.settlement?.status).toBe('paid');
    expect(afterWrongRead.reversal).toBeUndefined();
    expect(await repos.buyback.hasEvent('evt_refund_wrong')).toBe(false);
    expect([applied, again]).toEqual([true, false]);
    expect(await repos.buyback.hasEvent('evt_refund_2')).toBe(false);
    expect(await repos.buyback.get(g.guaranteeId)).toMatchObject({ acceptedQuantity: 7, acceptedFen: 105_000, paidQuantity: 0, paidFen: 0 });
    expect(await repos.buyback.getSettlement(settlementId)).toEqual(refundedSettlement);
    expect(await repos.buyback.getDeliveries(g.guaranteeId, [first!.deliveryId, second!.deliveryId])).toEqual(owedAgain);
    expect(await repos.ledger.get(reversals[1]!.source)).toMatchObject({
      source: `refund:buyback:${second!.deliveryId}:${settlementId}`,
      reverses: `buyback:${second!.deliveryId}:${settlementId}`,
      quantity: -4,
      amountFen: -60_000,
      householdFen: -42_000,
      occurredAt: refundedAt.toISOString(),
    });
    const [month] = await repos.ledger.villageMonths(g.villageId, '2026-11', '2026-11');
    expect(month).toMatchObject({ salesFen: 0, householdFen: 0, recordCount: 4 });
  });

  it('B10: a product’s market prices by ISO week, newest first; a put replaces its week', async () => {
    // Prepare
    const productId = ids.next('product');
    const price = (isoWeek: string, priceFen: number): MarketPrice => ({ productId, isoWeek, priceFen, enteredBy: { ...leader, role: 'organizer' }, enteredAt: NOW.toISOString() });
    // Act
    await repos.marketPrices.put(price('2026-W46', 15_000));
    await repos.marketPrices.put(price('2026-W47', 15_800));
    await repos.marketPrices.put(price('2026-W47', 15_900));
    await repos.marketPrices.put(price('2025-W52', 14_000));
    // Assess
    expect((await repos.marketPrices.list(productId)).map((p) => [p.isoWeek, p.priceFen])).toEqual([
      ['2026-W47', 15_900],
      ['2026-W46', 15_000],
      ['2025-W52', 14_000],
    ]);
    expect(await repos.marketPrices.get(productId, '2026-W47')).toMatchObject({ priceFen: 15_900 });
    expect(await repos.marketPrices.get(productId, '2026-W48')).toBeUndefined();
  });
});
