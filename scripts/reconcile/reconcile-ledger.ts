/**
 * The ledger's self-check behind `npm run reconcile`: every G1/G2 sum item recomputed from the sale items, and
 * the sales that orders and buy-back deliveries caused held against those orders and deliveries. An operations
 * script, so it reads the whole table with a parallel Scan (filtered by entity); no request path does this.
 */
import { ScanCommand, type ScanCommandOutput } from '@aws-sdk/lib-dynamodb';
import { withoutKeys, type Db } from '../../shared/db/dynamo.js';
import { aggregateItem, mergeDeltas } from '../../shared/db/ledger-import.js';
import { AGGREGATE_ENTITY, SALE_ENTITY, aggregateDeltas, saleItem, type Deltas } from '../../shared/db/ledger.js';
import { applyBasisPoints } from '../../shared/domain/money.js';
import { Order } from '../../shared/domain/order.js';
import { Sale } from '../../shared/domain/sale.js';
import { hasSales } from '../../shared/domain/use-cases/order-lifecycle.js';

// Entity tags written by the order and buy-back repositories (shared/db/repositories/orders.ts, buyback.ts).
const ORDER_ENTITY = 'Order';
const DELIVERY_ENTITY = 'BuybackDelivery';

/**
 * Sale sources that an order line or its refund writes (`salesOf` in order-lifecycle.ts), and a paid buy-back
 * delivery or the reversal of it when its settlement is refunded (`deliverySaleSource`, `deliveryRefundSource`
 * in shared/domain/buyback.ts: `buyback:<delivery>:<settlement>`, `refund:buyback:…`).
 */
const ORDER_SOURCE = /^(?:order|group_buy|refund):(ord_[0-9A-Z]+):\d+$/;
const DELIVERY_SOURCE = /^(?:refund:)?buyback:(bbd_[0-9A-Z]+)(?::bbs_[0-9A-Z]+)?$/;
const SALE_INDEX_KEYS = ['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK'] as const;

type Value = string | number | null;

/** One thing that does not add up: the item, the attribute, what the table holds and what it should hold. */
export interface Difference {
  check: 'sums' | 'sale' | 'orders' | 'buyback';
  key: string;
  attribute: string;
  stored: Value;
  recomputed: Value;
}

export interface ReconcileReport {
  sales: number;
  sumItems: number;
  orders: number;
  deliveries: number;
  differences: Difference[];
  /** Paid order lines minus refunds, and paid buy-back deliveries, against the ledger's non-offline sales. */
  channels: {
    ordersFen: number;
    ledgerFromOrdersFen: number;
    deliveriesFen: number;
    ledgerFromDeliveriesFen: number;
    ledgerNonOfflineFen: number;
    /** Non-offline sales no order or delivery caused (imported history, `demo:…`), counted apart. */
    importedFen: number;
    importedCount: number;
  };
  notes: string[];
}

export interface ReconcileOptions {
  /** Parallel Scan segments. */
  segments?: number;
  /** Called now and then with the number of items read. */
  onProgress?: (itemsRead: number) => void;
}

/**
 * Reads the ledger, its sums, the orders and the buy-back deliveries, and reports every difference.
 * @example const report = await reconcileLedger(db); process.exitCode = report.differences.length ? 1 : 0;
 */
export async function reconcileLedger(db: Db, options: ReconcileOptions = {}): Promise<ReconcileReport> {
  const differences: Difference[] = [];
  const expected = new Map<string, Deltas>();
  const stored = new Map<string, Record<string, unknown>>();
  const ledgerByOrder = new Map<string, number>();
  const ledgerByDelivery = new Map<string, number>();
  const orderFen = new Map<string, number>();
  const deliveryFen = new Map<string, number>();
  const channels = { ordersFen: 0, ledgerFromOrdersFen: 0, deliveriesFen: 0, ledgerFromDeliveriesFen: 0, ledgerNonOfflineFen: 0, importedFen: 0, importedCount: 0 };
  let sales = 0;
  let read = 0;

  const onSale = (item: Record<string, unknown>) => {
    sales++;
    const parsed = Sale.safeParse(withoutKeys(item));
    if (!parsed.success) {
      differences.push({ check: 'sale', key: keyOf(item), attribute: '(item)', stored: 'unreadable', recomputed: parsed.error.issues[0]?.path.join('.') ?? 'invalid' });
      return;
    }
    const sale = parsed.data;
    const householdFen = applyBasisPoints(sale.amountFen, sale.farmerShareBps);
    if (sale.householdFen !== householdFen) differences.push({ check: 'sale', key: keyOf(item), attribute: 'householdFen', stored: sale.householdFen ?? null, recomputed: householdFen });
    const wanted = saleItem(sale);
    for (const attribute of SALE_INDEX_KEYS) {
      if (item[attribute] !== wanted[attribute]) differences.push({ check: 'sale', key: keyOf(item), attribute, stored: valueOf(item[attribute]), recomputed: valueOf(wanted[attribute]) });
    }
    mergeDeltas(expected, aggregateDeltas([sale]));
    if (sale.channel === 'offline') return;
    channels.ledgerNonOfflineFen += sale.amountFen;
    const order = ORDER_SOURCE.exec(sale.source)?.[1];
    const delivery = DELIVERY_SOURCE.exec(sale.source)?.[1];
    if (order) {
      ledgerByOrder.set(order, (ledgerByOrder.get(order) ?? 0) + sale.amountFen);
      channels.ledgerFromOrdersFen += sale.amountFen;
    } else if (delivery) {
      ledgerByDelivery.set(delivery, (ledgerByDelivery.get(delivery) ?? 0) + sale.amountFen);
      channels.ledgerFromDeliveriesFen += sale.amountFen;
    } else {
      channels.importedFen += sale.amountFen;
      channels.importedCount++;
    }
  };

  const onOrder = (item: Record<string, unknown>) => {
    const parsed = Order.safeParse(withoutKeys(item));
    if (!parsed.success) {
      differences.push({ check: 'orders', key: keyOf(item), attribute: '(item)', stored: 'unreadable', recomputed: parsed.error.issues[0]?.path.join('.') ?? 'invalid' });
      return;
    }
    const order = parsed.data;
    // A paid (or settled) order wrote one sale per line; a refund after that wrote their reversal.
    const lines = order.lines.reduce((sum, line) => sum + line.amountFen, 0);
    const net = hasSales(order) && order.status !== 'refunded' ? lines : 0;
    orderFen.set(order.orderId, net);
    channels.ordersFen += net;
  };

  const onDelivery = (item: Record<string, unknown>) => {
    const deliveryId = typeof item.deliveryId === 'string' ? item.deliveryId : keyOf(item);
    const pricing = item.pricing as { amountFen?: unknown } | undefined;
    // A paid delivery is one sale; one whose settlement was refunded is owed again, its sale and reversal net to 0.
    const amount = item.status === 'paid' && typeof pricing?.amountFen === 'number' ? pricing.amountFen : 0;
    deliveryFen.set(deliveryId, amount);
    channels.deliveriesFen += amount;
  };

  await scanEntities(db, [SALE_ENTITY, AGGREGATE_ENTITY, ORDER_ENTITY, DELIVERY_ENTITY], options.segments ?? 4, (item) => {
    read++;
    if (read % 50_000 === 0) options.onProgress?.(read);
    if (item.entity === SALE_ENTITY) onSale(item);
    else if (item.entity === AGGREGATE_ENTITY) stored.set(`${String(item.PK)}|${String(item.SK)}`, item);
    else if (item.entity === ORDER_ENTITY) onOrder(item);
    else if (item.entity === DELIVERY_ENTITY) onDelivery(item);
  });

  differences.push(...compareSums(expected, stored));
  for (const [orderId, ledger] of ledgerByOrder) {
    const wanted = orderFen.get(orderId);
    if (wanted === undefined) differences.push({ check: 'orders', key: `ORDER#${orderId}`, attribute: 'ledger sales (fen)', stored: ledger, recomputed: null });
  }
  for (const [orderId, wanted] of orderFen) {
    const ledger = ledgerByOrder.get(orderId) ?? 0;
    if (ledger !== wanted) differences.push({ check: 'orders', key: `ORDER#${orderId}`, attribute: 'ledger sales (fen)', stored: ledger, recomputed: wanted });
  }
  for (const [deliveryId, ledger] of ledgerByDelivery) {
    if (!deliveryFen.has(deliveryId)) differences.push({ check: 'buyback', key: `delivery ${deliveryId}`, attribute: 'ledger sales (fen)', stored: ledger, recomputed: null });
  }
  for (const [deliveryId, wanted] of deliveryFen) {
    const ledger = ledgerByDelivery.get(deliveryId) ?? 0;
    if (ledger !== wanted) differences.push({ check: 'buyback', key: `delivery ${deliveryId}`, attribute: 'ledger sales (fen)', stored: ledger, recomputed: wanted });
  }

  const notes: string[] = [];
  if (deliveryFen.size === 0) notes.push('no buy-back deliveries in the table: the buy-back side of the channel check is empty');
  if (channels.importedCount > 0) {
    notes.push(`${channels.importedCount} non-offline sales (${yuan(channels.importedFen)}) have no order or delivery behind them (imported history, e.g. the demo's demo:… sources) and are left out of the channel check`);
  }
  return { sales, sumItems: stored.size, orders: orderFen.size, deliveries: deliveryFen.size, differences, channels, notes };
}

/** Recomputed against stored sum items, attribute by attribute; a counter that is missing counts as 0. */
export function compareSums(expected: Map<string, Deltas>, stored: Map<string, Record<string, unknown>>): Difference[] {
  const differences: Difference[] = [];
  const keys = [...new Set([...expected.keys(), ...stored.keys()])].sort();
  for (const key of keys) {
    const want = expected.has(key) ? aggregateItem(expected.get(key)!) : undefined;
    const have = stored.get(key);
    if (!want || !have) differences.push({ check: 'sums', key, attribute: '(item)', stored: have ? 'present' : 'missing', recomputed: want ? 'present' : 'missing' });
    const attributes = [...new Set([...Object.keys(want ?? {}), ...Object.keys(have ?? {})])].sort();
    for (const attribute of attributes) {
      const a = have?.[attribute];
      const b = want?.[attribute];
      const numeric = typeof a === 'number' || typeof b === 'number';
      const same = numeric ? (typeof a === 'number' ? a : 0) === (typeof b === 'number' ? b : 0) : a === b;
      if (!same && (want && have ? true : numeric)) differences.push({ check: 'sums', key, attribute, stored: valueOf(a), recomputed: valueOf(b) });
    }
  }
  return differences;
}

/** Every item of the given entities, by a parallel Scan with a filter, handed to `onItem` as pages arrive. */
async function scanEntities(db: Db, entities: string[], segments: number, onItem: (item: Record<string, unknown>) => void): Promise<void> {
  const values = Object.fromEntries(entities.map((entity, i) => [`:e${i}`, entity]));
  await Promise.all(
    Array.from({ length: segments }, async (_, segment) => {
      let startKey: Record<string, unknown> | undefined;
      do {
        const page: ScanCommandOutput = await db.doc.send(
          new ScanCommand({
            TableName: db.tableName,
            Segment: segment,
            TotalSegments: segments,
            FilterExpression: `#entity IN (${Object.keys(values).join(', ')})`,
            ExpressionAttributeNames: { '#entity': 'entity' },
            ExpressionAttributeValues: values,
            ExclusiveStartKey: startKey,
          }),
        );
        for (const item of page.Items ?? []) onItem(item);
        startKey = page.LastEvaluatedKey;
      } while (startKey);
    }),
  );
}

const keyOf = (item: Record<string, unknown>) => `${String(item.PK)}|${String(item.SK)}`;
const valueOf = (value: unknown): Value => (value === undefined ? null : typeof value === 'number' || typeof value === 'string' ? value : JSON.stringify(value));
const yuan = (fen: number) => `¥${(fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** The report as the script prints it: one line per difference, the channel check, notes, a summary line last. */
export function formatReport(report: ReconcileReport): string[] {
  const show = (value: Value) => (value === null ? '(none)' : String(value));
  const lines = report.differences.map((d) => `DIFF [${d.check}] ${d.key} ${d.attribute}: stored ${show(d.stored)}, recomputed ${show(d.recomputed)}`);
  const c = report.channels;
  const fromSources = c.ledgerFromOrdersFen + c.ledgerFromDeliveriesFen;
  lines.push(
    `channel check: paid order lines − refunds ${yuan(c.ordersFen)} + paid buy-back deliveries ${yuan(c.deliveriesFen)} = ${yuan(c.ordersFen + c.deliveriesFen)}; ` +
      `ledger non-offline ${yuan(c.ledgerNonOfflineFen)} = ${yuan(fromSources)} from orders and deliveries + ${yuan(c.importedFen)} imported` +
      (c.ordersFen + c.deliveriesFen === fromSources ? ' — equal' : ' — NOT EQUAL'),
  );
  for (const note of report.notes) lines.push(`note: ${note}`);
  lines.push(
    `reconcile: ${report.sales} sales, ${report.sumItems} sum items (G1/G2), ${report.orders} orders, ${report.deliveries} buy-back deliveries — ` +
      (report.differences.length === 0 ? 'no differences' : `${report.differences.length} difference${report.differences.length === 1 ? '' : 's'}`),
  );
  return lines;
}
