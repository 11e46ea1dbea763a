import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSyncedStack, listProduct, type SyncedStack } from '../orders/support.js';
import { acceptedDelivery, activeGuarantee, buybackWorld, delivered, detail, type BuybackWorld } from './support.js';

const START = '2026-11-18T04:00:00.000Z';

/** Each accepted delivery is paid max(floor, market reference of its ISO week), and shows how. */
describe('buyback pricing', () => {
  let stack: SyncedStack;
  let world: BuybackWorld;

  beforeAll(async () => {
    stack = await createSyncedStack(START);
    world = await buybackWorld(stack);
  });

  afterAll(() => {
    vi.useRealTimers();
  });

  const setPrice = (week: string, priceFen: unknown, as = world.organizer, productId = world.product.productId) =>
    stack.call('PUT', `/api/products/${productId}/market-prices/${week}`, { as, body: { priceFen } });

  it('market below, equal to and above the floor: floor, floor, market; no price entered: the list price', async () => {
    // Prepare: floor ¥150.00; W45 ¥149.99, W46 ¥150.00, W47 ¥150.01; nothing for W44 (list price ¥168.00)
    const { productId } = world.product;
    await setPrice('2026-W45', 14_999);
    await setPrice('2026-W46', 15_000);
    await setPrice('2026-W47', 15_001);
    const guaranteeId = await activeGuarantee(stack, world, { floorPriceFen: 15_000 });
    // Act
    const below = await acceptedDelivery(stack, world, guaranteeId, { deliveredOn: '2026-11-02', quantity: 3 });
    const equal = await acceptedDelivery(stack, world, guaranteeId, { deliveredOn: '2026-11-09', quantity: 3 });
    const above = await acceptedDelivery(stack, world, guaranteeId, { deliveredOn: '2026-11-16', quantity: 3 });
    const listPrice = await acceptedDelivery(stack, world, guaranteeId, { deliveredOn: '2026-11-01', quantity: 3 });
    // Assess
    expect(below.pricing).toMatchObject({ floorPriceFen: 15_000, marketReference: { isoWeek: '2026-W45', priceFen: 14_999, source: 'entered', productId }, unitPriceFen: 15_000, amountFen: 45_000, basis: 'floor' });
    expect(equal.pricing).toMatchObject({ marketReference: { isoWeek: '2026-W46', priceFen: 15_000, source: 'entered' }, unitPriceFen: 15_000, amountFen: 45_000, basis: 'floor' });
    expect(above.pricing).toMatchObject({ marketReference: { isoWeek: '2026-W47', priceFen: 15_001, source: 'entered' }, unitPriceFen: 15_001, amountFen: 45_003, basis: 'market' });
    expect(listPrice.pricing).toMatchObject({ marketReference: { isoWeek: '2026-W44', priceFen: 16_800, source: 'list_price' }, unitPriceFen: 16_800, amountFen: 50_400, basis: 'market' });
    for (const delivery of [below, equal, above, listPrice]) expect(delivery.pricing.rule).toMatch(/max\(floor ¥150\.00, market ¥1\d\d\.\d\d \[2026-W4\d/);
    const after = await detail(stack, world.coop, guaranteeId);
    expect(after.acceptedFen).toBe(45_000 + 45_000 + 45_003 + 50_400);
    expect(after.payableFen).toBe(after.acceptedFen);
    expect(after.deliveries.map((d: { pricing: { unitPriceFen: number } }) => d.pricing.unitPriceFen)).toEqual([15_000, 15_000, 15_001, 16_800]);
  });

  it("a delivery is priced by its own date's ISO week: Sunday and Monday fall in different weeks", async () => {
    // Prepare: 2026-11-08 is a Sunday (W45), 11-09 the Monday after (W46)
    const product = await listProduct(stack, world, { priceFen: 20_000, name: '土鸡（周测）' });
    await setPrice('2026-W45', 17_000, world.organizer, product.productId);
    await setPrice('2026-W46', 19_000, world.organizer, product.productId);
    const guaranteeId = await activeGuarantee(stack, world, { productId: product.productId, floorPriceFen: 10_000 });
    // Act
    const sunday = await acceptedDelivery(stack, world, guaranteeId, { deliveredOn: '2026-11-08' });
    const monday = await acceptedDelivery(stack, world, guaranteeId, { deliveredOn: '2026-11-09' });
    // Assess
    expect([sunday.isoWeek, sunday.pricing.unitPriceFen]).toEqual(['2026-W45', 17_000]);
    expect([monday.isoWeek, monday.pricing.unitPriceFen]).toEqual(['2026-W46', 19_000]);
  });

  it('is fixed at acceptance: a market price or a list price changed later leaves accepted deliveries as they were; a pending one takes the new price', async () => {
    // Prepare
    const product = await listProduct(stack, world, { priceFen: 16_000, name: '土鸡（定价）' });
    const guaranteeId = await activeGuarantee(stack, world, { productId: product.productId, floorPriceFen: 15_000 });
    const accepted = await acceptedDelivery(stack, world, guaranteeId, { deliveredOn: '2026-11-16' });
    const pending = await delivered(stack, world, guaranteeId, { deliveredOn: '2026-11-17' });
    // Act
    await stack.call('PATCH', `/api/products/${product.productId}`, { as: world.coop, body: { priceFen: 30_000 } });
    await setPrice('2026-W47', 17_500, world.organizer, product.productId);
    const later = await stack.call('POST', `/api/buyback-guarantees/${guaranteeId}/deliveries/${pending.deliveryId}/accept`, { as: world.leader });
    // Assess
    const after = await detail(stack, world.leader, guaranteeId);
    const first = after.deliveries.find((d: { deliveryId: string }) => d.deliveryId === accepted.deliveryId);
    expect(first.pricing).toEqual(accepted.pricing);
    expect(first.pricing).toMatchObject({ unitPriceFen: 16_000, marketReference: { source: 'list_price', priceFen: 16_000 } });
    expect(later.json.pricing).toMatchObject({ unitPriceFen: 17_500, marketReference: { source: 'entered', priceFen: 17_500 } });
  });

  it('market prices: organizers only, whole positive fen, a real ISO week, an existing product; a PUT again replaces the week', async () => {
    // Prepare
    const product = await listProduct(stack, world, { name: '土鸡（行情）' });
    // Act
    const first = await setPrice('2026-W47', 15_800, world.organizer, product.productId);
    const again = await setPrice('2026-W47', 15_800, world.organizer, product.productId);
    const corrected = await setPrice('2026-W47', 15_900, world.organizer, product.productId);
    const other = await setPrice('2026-W46', 15_000, world.organizer, product.productId);
    const bad = await Promise.all([
      setPrice('2026-W47', 0, world.organizer, product.productId),
      setPrice('2026-W47', 158.5, world.organizer, product.productId),
      setPrice('2026-W47', '15800', world.organizer, product.productId),
      setPrice('2025-W53', 15_800, world.organizer, product.productId),
      setPrice('2026-47', 15_800, world.organizer, product.productId),
    ]);
    const missing = await setPrice('2026-W47', 15_800, world.organizer, 'prd_01JD0000000000000000000000');
    const extra = await stack.call('PUT', `/api/products/${product.productId}/market-prices/2026-W47`, { as: world.organizer, body: { priceFen: 1, source: 'x' } });
    const list = await stack.call('GET', `/api/products/${product.productId}/market-prices`, { as: world.leader });
    const anonymous = await stack.call('GET', `/api/products/${product.productId}/market-prices`);
    // Assess
    expect([first.status, again.status, corrected.status, other.status]).toEqual([200, 200, 200, 200]);
    expect(first.json).toMatchObject({ productId: product.productId, isoWeek: '2026-W47', priceFen: 15_800, enteredBy: { role: 'organizer' } });
    expect(bad.map((r) => [r.status, r.json.error.field])).toEqual([
      [400, 'priceFen'],
      [400, 'priceFen'],
      [400, 'priceFen'],
      [400, 'isoWeek'],
      [400, 'isoWeek'],
    ]);
    expect(missing.status).toBe(404);
    expect(extra.status).toBe(400);
    expect(list.json.items.map((p: { isoWeek: string; priceFen: number }) => [p.isoWeek, p.priceFen])).toEqual([
      ['2026-W47', 15_900],
      ['2026-W46', 15_000],
    ]);
    expect(anonymous.status).toBe(401);
  });
});
