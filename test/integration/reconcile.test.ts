import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { formatReport, reconcileLedger } from '../../scripts/reconcile/reconcile-ledger.js';
import { seedDemoData } from '../../scripts/local/seed.js';
import { organizationMonthKey, saleKey, villageMonthKey } from '../../shared/db/keys.js';
import type { ProductCategory } from '../../shared/domain/product.js';
import type { Sale, SaleChannel } from '../../shared/domain/sale.js';
import { ulidIds } from '../../shared/runtime/ids.js';
import { listProduct, namedBuyer, villageWithCoop } from '../api/orders/support.js';
import { createTestStack, manualClock } from '../support/test-stack.js';

const ids = ulidIds();
const keyOf = (key: { PK: string; SK: string }) => `${key.PK}|${key.SK}`;

/** Sales spread over a few villages, organisations, channels, categories and two Beijing months, refunds included. */
function salesFor(count: number): Sale[] {
  const villages = [ids.next('village'), ids.next('village'), ids.next('village')];
  const organizations = [ids.next('organization'), ids.next('organization')];
  const channels: SaleChannel[] = ['order', 'group_buy', 'buyback', 'offline'];
  const categories: ProductCategory[] = ['poultry', 'fruit', 'honey'];
  return Array.from({ length: count }, (_, i) => ({
    source: `test:${i}`,
    villageId: villages[i % villages.length]!,
    productId: ids.next('product'),
    category: categories[i % categories.length]!,
    channel: channels[i % channels.length]!,
    ...(i % 3 === 0 ? {} : { organizationId: organizations[i % organizations.length]! }),
    quantity: i % 17 === 0 ? -1 : 1 + (i % 5),
    amountFen: (i % 17 === 0 ? -1 : 1) * (1_000 + i * 37),
    farmerShareBps: i % 4 === 0 ? 9_000 : 10_000,
    // Around midnight Beijing time at the turn of October: both months get sales.
    occurredAt: new Date(Date.parse('2026-10-31T16:00:00.000Z') + (i - count / 2) * 7_000).toISOString(),
  }));
}

describe('reconcile (npm run reconcile)', () => {
  it('finds no difference after 500 concurrent sales, and exactly the one sum tampered with', async () => {
    // Prepare
    const { db, deps } = await createTestStack();
    const sales = salesFor(500);
    await Promise.all(sales.map((sale) => deps.ledger.append([sale])));
    // Act
    const clean = await reconcileLedger(db);
    const target = sales.find((s) => s.organizationId && s.occurredAt > '2026-10-31T16:00:00.000Z')!;
    const villageKey = villageMonthKey(target.villageId, '2026-11');
    const [month] = await deps.ledger.villageMonths(target.villageId, '2026-11', '2026-11');
    await db.doc.send(new UpdateCommand({ TableName: db.tableName, Key: villageKey, UpdateExpression: 'ADD salesFen :one', ExpressionAttributeValues: { ':one': 1 } }));
    const tampered = await reconcileLedger(db);
    // Assess
    expect(clean.differences).toEqual([]);
    expect(clean.sales).toBe(500);
    // 3 villages and 2 organisations, each in October and November.
    expect(clean.sumItems).toBe(10);
    expect(formatReport(clean).at(-1)).toBe('reconcile: 500 sales, 10 sum items (G1/G2), 0 orders, 0 buy-back deliveries — no differences');
    expect(tampered.differences).toEqual([{ check: 'sums', key: keyOf(villageKey), attribute: 'salesFen', stored: month!.salesFen + 1, recomputed: month!.salesFen }]);
    const printed = formatReport(tampered);
    expect(printed[0]).toBe(`DIFF [sums] ${keyOf(villageKey)} salesFen: stored ${month!.salesFen + 1}, recomputed ${month!.salesFen}`);
    expect(printed.at(-1)).toMatch(/— 1 difference$/);
  }, 60_000);

  it('names a missing sum item and the counters it lacks', async () => {
    // Prepare
    const { db, deps } = await createTestStack();
    const sales = salesFor(40);
    await deps.ledger.append(sales.slice(0, 20));
    await deps.ledger.append(sales.slice(20));
    const sale = sales.find((s) => s.organizationId)!;
    const month = sale.occurredAt > '2026-10-31T16:00:00.000Z' ? '2026-11' : '2026-10';
    const organizationKey = organizationMonthKey(sale.organizationId!, month);
    const [sums] = await deps.ledger.organizationMonths(sale.organizationId!, month, month);
    // Act
    await db.doc.send(new DeleteCommand({ TableName: db.tableName, Key: organizationKey }));
    const report = await reconcileLedger(db);
    // Assess
    const differences = report.differences.filter((d) => d.key === keyOf(organizationKey));
    expect(differences).toContainEqual({ check: 'sums', key: keyOf(organizationKey), attribute: '(item)', stored: 'missing', recomputed: 'present' });
    expect(differences).toContainEqual({ check: 'sums', key: keyOf(organizationKey), attribute: 'salesFen', stored: null, recomputed: sums!.salesFen });
    expect(report.differences.every((d) => d.key === keyOf(organizationKey))).toBe(true);
  });

  it("holds paid orders and refunds against their sales, and notices an order's missing sale", async () => {
    // Prepare: one order paid, one paid and then cancelled (refunded), one never paid
    const stack = await createTestStack();
    const village = await villageWithCoop(stack);
    const product = await listProduct(stack, village, { priceFen: 16_800, stock: 20 });
    const place = async (quantity: number) => {
      const me = namedBuyer('王芳');
      const placed = await stack.call('POST', '/api/orders', { as: me, body: { lines: [{ productId: product.productId, quantity }], fulfilment: { type: 'pickup' } } });
      expect(placed.status).toBe(201);
      return { me, orderId: placed.json.order.orderId as string, paymentId: placed.json.payment.paymentId as string };
    };
    const paid = await place(2);
    const refunded = await place(1);
    await place(3);
    for (const order of [paid, refunded]) await stack.simulator.complete(order.paymentId, { method: 'alipay' });
    await stack.simulator.drain();
    expect((await stack.call('POST', `/api/orders/${refunded.orderId}/cancel`, { as: refunded.me })).status).toBe(200);
    await stack.simulator.drain();
    // Act
    const clean = await reconcileLedger(stack.db);
    await stack.db.doc.send(new DeleteCommand({ TableName: stack.db.tableName, Key: saleKey(`order:${paid.orderId}:1`) }));
    const broken = await reconcileLedger(stack.db);
    // Assess
    expect(clean.differences).toEqual([]);
    expect(clean.orders).toBe(3);
    expect(clean.channels).toMatchObject({ ordersFen: 33_600, ledgerFromOrdersFen: 33_600, ledgerNonOfflineFen: 33_600, importedCount: 0 });
    expect(broken.differences).toContainEqual({ check: 'orders', key: `ORDER#${paid.orderId}`, attribute: 'ledger sales (fen)', stored: 0, recomputed: 33_600 });
    expect(broken.differences.some((d) => d.check === 'sums' && d.attribute === 'salesFen')).toBe(true);
    expect(formatReport(broken).find((line) => line.startsWith('channel check'))).toMatch(/NOT EQUAL$/);
  });

  it('prints no differences on the seeded demo, its history included', async () => {
    // Prepare
    const { db, deps } = await createTestStack({ clock: manualClock('2026-11-22T02:00:00.000Z') });
    await seedDemoData(deps, db);
    // Act
    const report = await reconcileLedger(db);
    // Assess
    expect(report.differences).toEqual([]);
    expect(report.sales).toBeGreaterThan(5_000);
    expect(report.channels.importedCount).toBeGreaterThan(0);
    expect(formatReport(report).at(-1)).toMatch(/— no differences$/);
  }, 120_000);
});
