import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSyncedStack, type SyncedStack } from '../orders/support.js';
import { acceptedDelivery, activeGuarantee, buybackWorld, delivered, deliveryBody, detail, offerBody, type BuybackWorld } from './support.js';

const START = '2026-11-18T04:00:00.000Z';

/** Who may do what to a guarantee, in which status: everything else is 401, 403, 404 or 409, and changes nothing. */
describe('buyback guarantees: transitions by role and status', () => {
  let stack: SyncedStack;
  let world: BuybackWorld;

  beforeAll(async () => {
    stack = await createSyncedStack(START);
    world = await buybackWorld(stack);
  });

  afterAll(() => {
    vi.useRealTimers();
  });

  const post = (path: string, as: BuybackWorld['coop'] | undefined, body?: unknown) => stack.call('POST', `/api/buyback-guarantees${path}`, { as, body });

  it('only a leader offers, for its own organisation; the offer awaits the cooperative', async () => {
    // Act
    const byCoop = await post('', world.coop, offerBody(world));
    const byOrganizer = await post('', world.organizer, offerBody(world));
    const byBuyer = await post('', world.buyer, offerBody(world));
    const anonymous = await post('', undefined, offerBody(world));
    const forAnother = await post('', world.leader, offerBody(world, { organizationId: world.organizationId }));
    const offered = await post('', world.leader, offerBody(world));
    // Assess
    expect([byCoop.status, byOrganizer.status, byBuyer.status, anonymous.status]).toEqual([403, 403, 403, 401]);
    expect(forAnother.status).toBe(400);
    expect(forAnother.json.error.field).toBe('organizationId');
    expect(offered.status).toBe(201);
    expect(offered.json).toMatchObject({
      status: 'offered',
      villageId: world.villageId,
      villageName: '土地坳村',
      organizationId: world.organizationId,
      organizationName: '成都市家禽产业协会',
      scope: { kind: 'product', productId: world.product.productId, unit: '只' },
      terms: { version: 1, floorPriceFen: 15_000, committedQuantity: 100, maximumQuantity: 120 },
      closesAt: '2026-11-30T16:00:00.000Z',
      offeredQuantity: 0,
    });
    expect(offered.json.termsHistory).toMatchObject([{ version: 1, status: 'proposed', proposedBy: { role: 'leader' } }]);
  });

  it("is seen by organizers, the village's cooperative and the organisation's leaders; anyone else is told it does not exist", async () => {
    // Prepare
    const guaranteeId = (await post('', world.leader, offerBody(world))).json.guaranteeId as string;
    // Act
    const readers = await Promise.all([world.organizer, world.coop, world.leader].map((as) => stack.call('GET', `/api/buyback-guarantees/${guaranteeId}`, { as })));
    const strangers = await Promise.all(
      [world.otherCoop, world.otherLeader, world.buyer].map((as) => stack.call('GET', `/api/buyback-guarantees/${guaranteeId}`, { as })),
    );
    const otherCoopList = await stack.call('GET', '/api/buyback-guarantees', { as: world.otherCoop });
    const otherLeaderList = await stack.call('GET', '/api/buyback-guarantees', { as: world.otherLeader });
    const coopList = await stack.call('GET', '/api/buyback-guarantees', { as: world.coop });
    const coopPeeking = await stack.call('GET', `/api/buyback-guarantees?villageId=${world.otherCoop.role === 'coop' ? world.otherCoop.villageId : ''}`, { as: world.coop });
    const buyerList = await stack.call('GET', '/api/buyback-guarantees', { as: world.buyer });
    // Assess
    expect(readers.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(strangers.map((r) => r.status)).toEqual([404, 404, 404]);
    expect(strangers[0]!.json.error).toMatchObject({ code: 'not_found', field: 'guaranteeId' });
    expect(otherCoopList.json.items).toEqual([]);
    expect(otherLeaderList.json.items).toEqual([]);
    expect(coopList.json.items.map((g: { guaranteeId: string }) => g.guaranteeId)).toContain(guaranteeId);
    expect(coopPeeking.status).toBe(403);
    expect(coopPeeking.json.error.field).toBe('villageId');
    expect(buyerList.status).toBe(403);
  });

  it("only the village's cooperative accepts or declines an offer; deciding again the same way changes nothing, the other way is a 409", async () => {
    // Prepare
    const first = (await post('', world.leader, offerBody(world))).json.guaranteeId as string;
    const second = (await post('', world.leader, offerBody(world))).json.guaranteeId as string;
    // Act
    const byLeader = await post(`/${first}/accept`, world.leader);
    const byOrganizer = await post(`/${first}/accept`, world.organizer);
    const byOtherCoop = await post(`/${first}/accept`, world.otherCoop);
    const accepted = await post(`/${first}/accept`, world.coop);
    const acceptedAgain = await post(`/${first}/accept`, world.coop);
    const declineAccepted = await post(`/${first}/decline`, world.coop, { reason: '改主意了' });
    const declined = await post(`/${second}/decline`, world.coop, { reason: '保底价太低' });
    const declinedAgain = await post(`/${second}/decline`, world.coop);
    const acceptDeclined = await post(`/${second}/accept`, world.coop);
    // Assess
    expect([byLeader.status, byOrganizer.status, byOtherCoop.status]).toEqual([403, 403, 404]);
    expect(accepted.status).toBe(200);
    expect(accepted.json.status).toBe('active');
    expect(accepted.json.termsHistory[0]).toMatchObject({ status: 'accepted', decidedBy: { role: 'coop' } });
    expect(acceptedAgain.status).toBe(200);
    expect(acceptedAgain.json.updatedAt).toBe(accepted.json.updatedAt);
    expect(declineAccepted.status).toBe(409);
    expect(declined.json).toMatchObject({ status: 'declined' });
    expect(declined.json.termsHistory[0]).toMatchObject({ status: 'declined', decisionReason: '保底价太低' });
    expect(declinedAgain.status).toBe(200);
    expect(acceptDeclined.status).toBe(409);
    expect((await detail(stack, world.organizer, first)).status).toBe('active');
  });

  it('only the cooperative records deliveries, and only while the guarantee is active: an organisation cannot record one', async () => {
    // Prepare
    const offered = (await post('', world.leader, offerBody(world))).json.guaranteeId as string;
    const guaranteeId = await activeGuarantee(stack, world);
    // Act
    const byLeader = await post(`/${guaranteeId}/deliveries`, world.leader, deliveryBody());
    const byOrganizer = await post(`/${guaranteeId}/deliveries`, world.organizer, deliveryBody());
    const byOtherCoop = await post(`/${guaranteeId}/deliveries`, world.otherCoop, deliveryBody());
    const beforeAcceptance = await post(`/${offered}/deliveries`, world.coop, deliveryBody());
    const recorded = await post(`/${guaranteeId}/deliveries`, world.coop, deliveryBody({ quantity: 12 }));
    // Assess
    expect([byLeader.status, byOrganizer.status, byOtherCoop.status]).toEqual([403, 403, 404]);
    expect(beforeAcceptance.status).toBe(409);
    expect(recorded.status).toBe(201);
    expect(recorded.json).toMatchObject({ status: 'recorded', quantity: 12, isoWeek: '2026-W47', termsVersion: 1, photo: null });
    const after = await detail(stack, world.coop, guaranteeId);
    expect(after.summary).toMatchObject({ offeredQuantity: 12, acceptedQuantity: 0, undecidedQuantity: 12 });
  });

  it('refuses a delivery outside the terms, naming the field: a grade not accepted, a date outside the window or in the future', async () => {
    // Prepare
    const guaranteeId = await activeGuarantee(stack, world, { window: { start: '2026-11-10', end: '2026-11-30' } });
    // Act
    const grade = await post(`/${guaranteeId}/deliveries`, world.coop, deliveryBody({ grade: '三级' }));
    const early = await post(`/${guaranteeId}/deliveries`, world.coop, deliveryBody({ deliveredOn: '2026-11-09' }));
    const future = await post(`/${guaranteeId}/deliveries`, world.coop, deliveryBody({ deliveredOn: '2026-11-19' }));
    const notADay = await post(`/${guaranteeId}/deliveries`, world.coop, deliveryBody({ deliveredOn: '2026-11-31' }));
    const zero = await post(`/${guaranteeId}/deliveries`, world.coop, deliveryBody({ quantity: 0 }));
    const otherProduct = await post(`/${guaranteeId}/deliveries`, world.coop, deliveryBody({ productId: 'prd_01JD0000000000000000000000' }));
    // Assess
    expect([grade, early, future, notADay, zero, otherProduct].map((r) => [r.status, r.json.error.field])).toEqual([
      [400, 'grade'],
      [400, 'deliveredOn'],
      [400, 'deliveredOn'],
      [400, 'deliveredOn'],
      [400, 'quantity'],
      [400, 'productId'],
    ]);
    expect((await detail(stack, world.coop, guaranteeId)).offeredQuantity).toBe(0);
  });

  it('only the organisation accepts or rejects a delivery: a cooperative cannot accept its own; decisions are final', async () => {
    // Prepare
    const guaranteeId = await activeGuarantee(stack, world);
    const first = await delivered(stack, world, guaranteeId, { quantity: 10 });
    const second = await delivered(stack, world, guaranteeId, { quantity: 5 });
    const decide = (deliveryId: string, action: 'accept' | 'reject', as: BuybackWorld['coop'], body?: unknown) =>
      post(`/${guaranteeId}/deliveries/${deliveryId}/${action}`, as, body ?? (action === 'reject' ? { reason: '品质不符' } : undefined));
    // Act
    const byCoop = await decide(first.deliveryId, 'accept', world.coop);
    const byOrganizer = await decide(first.deliveryId, 'accept', world.organizer);
    const byOtherLeader = await decide(first.deliveryId, 'accept', world.otherLeader);
    const rejectByCoop = await decide(second.deliveryId, 'reject', world.coop);
    const accepted = await decide(first.deliveryId, 'accept', world.leader);
    const acceptedAgain = await decide(first.deliveryId, 'accept', world.leader);
    const rejectAccepted = await decide(first.deliveryId, 'reject', world.leader);
    const noReason = await decide(second.deliveryId, 'reject', world.leader, {});
    const rejected = await decide(second.deliveryId, 'reject', world.leader);
    const acceptRejected = await decide(second.deliveryId, 'accept', world.leader);
    const unknown = await decide('bbd_01JD0000000000000000000000', 'accept', world.leader);
    // Assess
    expect([byCoop.status, byOrganizer.status, byOtherLeader.status, rejectByCoop.status]).toEqual([403, 403, 404, 403]);
    expect(accepted.status).toBe(200);
    expect(accepted.json).toMatchObject({ status: 'accepted', decidedBy: { role: 'leader' }, pricing: { unitPriceFen: 16_800, amountFen: 168_000 } });
    expect(acceptedAgain.json).toEqual(accepted.json);
    expect(rejectAccepted.status).toBe(409);
    expect(noReason.status).toBe(400);
    expect(noReason.json.error.field).toBe('reason');
    expect(rejected.json).toMatchObject({ status: 'rejected', rejectionReason: '品质不符' });
    expect(acceptRejected.status).toBe(409);
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.field).toBe('deliveryId');
    expect((await detail(stack, world.organizer, guaranteeId)).summary).toMatchObject({ offeredQuantity: 15, acceptedQuantity: 10, rejectedQuantity: 5, undecidedQuantity: 0, acceptedFen: 168_000 });
  });

  it('only the organisation pays; only organizers enter market prices and settle breaches', async () => {
    // Prepare
    const guaranteeId = await activeGuarantee(stack, world);
    await acceptedDelivery(stack, world, guaranteeId);
    const week = `/api/products/${world.product.productId}/market-prices/2026-W47`;
    // Act
    const payByCoop = await post(`/${guaranteeId}/settlements`, world.coop);
    const payByOrganizer = await post(`/${guaranteeId}/settlements`, world.organizer);
    const payByOtherLeader = await post(`/${guaranteeId}/settlements`, world.otherLeader);
    const priceByLeader = await stack.call('PUT', week, { as: world.leader, body: { priceFen: 1 } });
    const priceByCoop = await stack.call('PUT', week, { as: world.coop, body: { priceFen: 1 } });
    const settleByLeader = await post(`/${guaranteeId}/breach/settle`, world.leader);
    const settleNoBreach = await post(`/${guaranteeId}/breach/settle`, world.organizer);
    // Assess
    expect([payByCoop.status, payByOrganizer.status, payByOtherLeader.status]).toEqual([403, 403, 404]);
    expect([priceByLeader.status, priceByCoop.status]).toEqual([403, 403]);
    expect(settleByLeader.status).toBe(403);
    expect(settleNoBreach.status).toBe(409);
    expect((await stack.call('GET', `/api/products/${world.product.productId}/market-prices`, { as: world.coop })).json.items).toEqual([]);
    expect((await detail(stack, world.leader, guaranteeId)).settlements).toEqual([]);
  });

  describe('amendments', () => {
    const amendment = (overrides: Record<string, unknown> = {}) => {
      const { villageId: _v, productId: _p, ...terms } = offerBody(world);
      return { ...terms, ...overrides };
    };

    it('either party proposes; the other accepts; the proposer cannot accept its own; the history keeps every version', async () => {
      // Prepare
      const guaranteeId = await activeGuarantee(stack, world);
      // Act
      const byOrganizer = await post(`/${guaranteeId}/amendments`, world.organizer, amendment());
      const proposed = await post(`/${guaranteeId}/amendments`, world.coop, amendment({ floorPriceFen: 15_500, note: '饲料涨价' }));
      const second = await post(`/${guaranteeId}/amendments`, world.leader, amendment({ floorPriceFen: 14_000 }));
      const byProposer = await post(`/${guaranteeId}/amendments/2/accept`, world.coop);
      const byOrganizerAccept = await post(`/${guaranteeId}/amendments/2/accept`, world.organizer);
      const accepted = await post(`/${guaranteeId}/amendments/2/accept`, world.leader);
      const acceptedAgain = await post(`/${guaranteeId}/amendments/2/accept`, world.leader);
      const declineAccepted = await post(`/${guaranteeId}/amendments/2/decline`, world.leader);
      const missing = await post(`/${guaranteeId}/amendments/7/accept`, world.leader);
      // Assess
      expect(byOrganizer.status).toBe(403);
      expect(proposed.status).toBe(201);
      expect(proposed.json).toMatchObject({ version: 2, status: 'proposed', floorPriceFen: 15_500, note: '饲料涨价', proposedBy: { role: 'coop' } });
      expect(second.status).toBe(409);
      expect([byProposer.status, byOrganizerAccept.status]).toEqual([403, 403]);
      expect(accepted.status).toBe(200);
      expect(accepted.json).toMatchObject({ termsVersion: 2, pendingAmendmentVersion: null, terms: { version: 2, floorPriceFen: 15_500 } });
      expect(accepted.json.termsHistory.map((t: { version: number; status: string }) => [t.version, t.status])).toEqual([
        [1, 'superseded'],
        [2, 'accepted'],
      ]);
      expect(accepted.json.termsHistory[1].decidedBy.role).toBe('leader');
      expect(acceptedAgain.status).toBe(200);
      expect(declineAccepted.status).toBe(409);
      expect(missing.status).toBe(404);
      expect(missing.json.error.field).toBe('version');
    });

    it('a proposal is declined by the other side or withdrawn by its proposer; the terms stay, and the next proposal takes the next version', async () => {
      // Prepare
      const guaranteeId = await activeGuarantee(stack, world);
      await post(`/${guaranteeId}/amendments`, world.leader, amendment({ committedQuantity: 80 }));
      // Act
      const declined = await post(`/${guaranteeId}/amendments/2/decline`, world.coop, { reason: '不同意减少承诺量' });
      const third = await post(`/${guaranteeId}/amendments`, world.leader, amendment({ committedQuantity: 90 }));
      const withdrawn = await post(`/${guaranteeId}/amendments/3/decline`, world.leader);
      // Assess
      expect(declined.json).toMatchObject({ termsVersion: 1, pendingAmendmentVersion: null, terms: { committedQuantity: 100 } });
      expect(third.json.version).toBe(3);
      expect(withdrawn.json.termsHistory.map((t: { status: string }) => t.status)).toEqual(['accepted', 'declined', 'declined']);
      expect(withdrawn.json.terms.committedQuantity).toBe(100);
    });

    it('may not lower the maximum below what was accepted, nor change product or village, nor amend an offer not yet accepted', async () => {
      // Prepare
      const guaranteeId = await activeGuarantee(stack, world);
      await acceptedDelivery(stack, world, guaranteeId, { quantity: 50 });
      const offered = (await post('', world.leader, offerBody(world))).json.guaranteeId as string;
      // Act
      const belowAccepted = await post(`/${guaranteeId}/amendments`, world.leader, amendment({ committedQuantity: 40, maximumQuantity: 49 }));
      const product = await post(`/${guaranteeId}/amendments`, world.leader, amendment({ productId: world.product.productId }));
      const village = await post(`/${guaranteeId}/amendments`, world.leader, amendment({ villageId: world.villageId }));
      const startMoved = await post(`/${guaranteeId}/amendments`, world.leader, amendment({ window: { start: '2026-11-05', end: '2026-11-30' } }));
      const ofOffer = await post(`/${offered}/amendments`, world.leader, amendment());
      const atAccepted = await post(`/${guaranteeId}/amendments`, world.leader, amendment({ committedQuantity: 40, maximumQuantity: 50 }));
      // Assess
      expect([belowAccepted, product, village, startMoved].map((r) => [r.status, r.json.error.field])).toEqual([
        [400, 'maximumQuantity'],
        [400, 'productId'],
        [400, 'villageId'],
        [400, 'window.start'],
      ]);
      expect(ofOffer.status).toBe(409);
      expect(atAccepted.status).toBe(201);
    });

    it('an accepted amendment prices later acceptances at its floor and moves the close with its end date', async () => {
      // Prepare
      const guaranteeId = await activeGuarantee(stack, world, { floorPriceFen: 15_000 });
      const before = await acceptedDelivery(stack, world, guaranteeId, { quantity: 1 });
      const pending = await delivered(stack, world, guaranteeId, { quantity: 1 });
      await post(`/${guaranteeId}/amendments`, world.coop, amendment({ floorPriceFen: 18_000, window: { start: '2026-11-01', end: '2026-12-15' } }));
      // Act
      const accepted = await post(`/${guaranteeId}/amendments/2/accept`, world.leader);
      const after = await post(`/${guaranteeId}/deliveries/${pending.deliveryId}/accept`, world.leader);
      // Assess
      expect(accepted.json.closesAt).toBe('2026-12-15T16:00:00.000Z');
      expect(before.pricing).toMatchObject({ termsVersion: 1, floorPriceFen: 15_000, unitPriceFen: 16_800, basis: 'market' });
      expect(after.json.pricing).toMatchObject({ termsVersion: 2, floorPriceFen: 18_000, unitPriceFen: 18_000, basis: 'floor' });
      const final = await detail(stack, world.leader, guaranteeId);
      expect(final.deliveries.find((d: { deliveryId: string }) => d.deliveryId === before.deliveryId).pricing.unitPriceFen).toBe(16_800);
      expect(final.acceptedFen).toBe(16_800 + 18_000);
    });
  });
});
