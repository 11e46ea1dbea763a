import { beforeAll, describe, expect, it } from 'vitest';
import { demoGuarantees, seedDemoBuyback, type DemoIds } from '../../../shared/demo/demo-buyback.js';
import { demoAccounts, demoOrganizations, demoVillages } from '../../../shared/demo/demo-data.js';
import type { Actor } from '../../../shared/domain/actor.js';
import { createOrganization } from '../../../shared/domain/use-cases/organizations.js';
import { createProduct } from '../../../shared/domain/use-cases/products.js';
import { createVillage } from '../../../shared/domain/use-cases/villages.js';
import { organizer } from '../../support/fixtures.js';
import { createTestStack, manualClock, type TestStack } from '../../support/test-stack.js';

/**
 * The demo's buyback story, seeded on its own: 成都市家禽产业协会 guarantees 土地坳村 3,000 chickens (deliveries at
 * floor and above it, one settlement paid, more owed), last season's guarantee to 双石村 closed with a breach,
 * and an offer to 土地坳村 awaiting its cooperative.
 */
describe('demo buyback guarantees', () => {
  let stack: TestStack;
  let ids: DemoIds;
  const actor = (ref: string): Actor => {
    const account = demoAccounts.find((a) => a.ref === ref)!;
    const accountId = ids.accountIds.get(ref)!;
    if (account.role === 'coop') return { role: 'coop', accountId, displayName: account.displayName, villageId: ids.villageIds.get(account.villageRef!)! };
    return { role: 'leader', accountId, displayName: account.displayName, organizationId: ids.organizationIds.get(account.organizationRef!)! };
  };

  beforeAll(async () => {
    // Prepare: the villages, products, organisations and accounts the demo guarantees name, made as the seed makes them
    stack = await createTestStack({ clock: manualClock('2026-11-18T04:00:00.000Z') });
    ids = { accountIds: new Map(), villageIds: new Map(), organizationIds: new Map(), productIds: new Map() };
    const admin = organizer();
    for (const demo of demoVillages.filter((v) => demoGuarantees.some((g) => g.villageRef === v.ref))) {
      const village = await createVillage(stack.deps, admin, demo.input);
      ids.villageIds.set(demo.ref, village.villageId);
      const coop: Actor = { role: 'coop', accountId: stack.deps.ids.next('account'), displayName: demo.input.name, villageId: village.villageId };
      for (const product of demo.products) {
        ids.productIds.set(`${demo.ref}/${product.ref}`, (await createProduct(stack.deps, coop, { villageId: village.villageId, product: product.input })).productId);
      }
    }
    for (const demo of demoOrganizations.filter((o) => ['chengdu-poultry-association', 'tianfu-supply-chain'].includes(o.ref))) {
      ids.organizationIds.set(demo.ref, (await createOrganization(stack.deps, admin, demo.input)).organizationId);
    }
    for (const ref of ['leader-poultry-association', 'leader-tianfu-supply-chain', 'coop-tudiao', 'coop-shuangshi', 'organizer-jianyang']) {
      ids.accountIds.set(ref, stack.deps.ids.next('account'));
    }
    // Act
    await seedDemoBuyback(stack.deps, ids);
  }, 60_000);

  it('the organizer sees all three with their totals: committed value, utilisation, paid, owed and the open breach', async () => {
    // Act
    const list = await stack.call('GET', '/api/buyback-guarantees', { as: organizer() });
    // Assess
    expect(list.json.items.map((g: { villageName: string; status: string; terms: { committedQuantity: number } }) => [g.villageName, g.status, g.terms.committedQuantity]).sort()).toEqual(
      [
        ['土地坳村', 'active', 3_000],
        ['土地坳村', 'offered', 2_000],
        ['双石村', 'closed', 800],
      ].sort(),
    );
    expect(list.json.totals).toEqual({
      guarantees: 2,
      committedQuantity: 3_800,
      acceptedQuantity: 2_100,
      committedValueFen: 57_000_000,
      utilisationBps: 5_526,
      paidFen: 19_650_000,
      owedFen: 13_140_000,
      openBreaches: 1,
      breachCompensationFen: 500_000,
    });
  });

  it('土地坳村 3,000 chickens: deliveries accepted at floor and above it, one rejected, one undecided; a paid settlement and more owed', async () => {
    // Prepare
    const coop = actor('coop-tudiao');
    const [chicken] = (await stack.call('GET', `/api/buyback-guarantees?status=active`, { as: coop })).json.items;
    // Act
    const detail = (await stack.call('GET', `/api/buyback-guarantees/${chicken.guaranteeId}`, { as: coop })).json;
    // Assess
    expect(detail).toMatchObject({ organizationName: '成都市家禽产业协会', scope: { productName: '土地坳土鸡' }, terms: { floorPriceFen: 15_000, committedQuantity: 3_000, maximumQuantity: 3_600 } });
    expect(detail.deliveries.map((d: { status: string; pricing?: { basis: string; unitPriceFen: number } }) => [d.status, d.pricing?.basis, d.pricing?.unitPriceFen])).toEqual([
      ['paid', 'floor', 15_000],
      ['paid', 'floor', 15_000],
      ['accepted', 'market', 16_200],
      ['accepted', 'market', 16_800],
      ['rejected', undefined, undefined],
      ['recorded', undefined, undefined],
    ]);
    expect(detail.summary).toMatchObject({ offeredQuantity: 1_890, acceptedQuantity: 1_550, rejectedQuantity: 60, undecidedQuantity: 280, paidQuantity: 750, paidFen: 11_250_000, owedFen: 13_140_000, utilisationBps: 5_166 });
    expect(detail.settlements).toMatchObject([{ status: 'paid', amountFen: 11_250_000, quantity: 750 }]);
    expect(detail.payableFen).toBe(13_140_000);
    const [month] = await stack.deps.ledger.villageMonths(detail.villageId, '2026-10', '2026-10');
    expect(month?.byChannel.buyback).toBe(11_250_000);
  });

  it("双石村's guarantee closed with its breach: 800 committed, 850 offered, 550 accepted, 250 unmet at ¥150.00 − ¥130.00", async () => {
    // Prepare
    const coop = actor('coop-shuangshi');
    const [closed] = (await stack.call('GET', '/api/buyback-guarantees', { as: coop })).json.items;
    // Assess
    expect(closed.status).toBe('closed');
    expect(closed.summary).toMatchObject({ committedQuantity: 800, offeredQuantity: 850, acceptedQuantity: 550, paidFen: 8_400_000, owedFen: 0 });
    expect(closed.breach).toMatchObject({ unmetQuantity: 250, compensationPerUnitFen: 2_000, compensationFen: 500_000, status: 'open', reference: { priceFen: 13_000, source: 'entered' } });
  });

  it("the plum offer awaits 土地坳村's cooperative, which can accept it", async () => {
    // Prepare
    const coop = actor('coop-tudiao');
    const offer = (await stack.call('GET', '/api/buyback-guarantees?status=offered', { as: coop })).json.items[0];
    // Act
    const accepted = await stack.call('POST', `/api/buyback-guarantees/${offer.guaranteeId}/accept`, { as: coop });
    // Assess
    expect(offer).toMatchObject({ organizationName: '成都天府惠农供应链有限公司', scope: { productName: '脆红李', unit: '斤' } });
    expect(accepted.json.status).toBe('active');
  });
});
