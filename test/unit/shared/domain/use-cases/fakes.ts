/** In-memory stand-ins for the order repository and the payment gateway, for use-case unit tests. */
import type { Order } from '../../../../../shared/domain/order.js';
import type { PaymentGateway } from '../../../../../shared/domain/payment.js';
import { PaymentAlreadyTakenError } from '../../../../../shared/domain/payment.js';
import type { OrderRepository, OrderTransition } from '../../../../../shared/domain/ports.js';
import { ulidIds } from '../../../../../shared/runtime/ids.js';

const ids = ulidIds();
export const AT = new Date('2026-11-21T02:00:00.000Z');

export function makeOrder(overrides: Partial<Order> = {}): Order {
  const kind = overrides.kind ?? 'direct';
  const villageId = ids.next('village');
  const orderId = ids.next('order');
  return {
    orderId,
    buyerId: ids.next('account'),
    buyerName: '王芳',
    kind,
    ...(kind === 'group_buy' ? { groupBuyId: ids.next('groupBuy') } : {}),
    lines: [
      {
        lineNo: 1,
        productId: ids.next('product'),
        villageId,
        productName: '土鸡',
        unit: '只',
        category: 'poultry',
        farmerShareBps: 7_000,
        unitPriceFen: 16_800,
        quantity: 2,
        amountFen: 33_600,
      },
    ],
    totalFen: 33_600,
    fulfilment: { type: 'pickup', pickupPoint: null },
    status: 'pending_payment',
    villageFulfilment: { [villageId]: 'pending' },
    paymentId: `pi_sim_${orderId.slice(4)}`,
    payBy: new Date(AT.getTime() + 30 * 60 * 1000).toISOString(),
    createdAt: AT.toISOString(),
    updatedAt: AT.toISOString(),
    version: 1,
    ...overrides,
  };
}

/** Orders in a map; transitions are checked against the stored version and record their event, like the real one. */
export function memoryOrders(initial: Order[] = []) {
  const orders = new Map(initial.map((o) => [o.orderId, structuredClone(o)]));
  const events = new Set<string>();
  const transitions: OrderTransition[] = [];
  let staleWrites = 0;
  const notUsed = () => {
    throw new Error('not used by these tests');
  };
  const repository: OrderRepository & { staleNext(count: number): void } = {
    async get(orderId) {
      const order = orders.get(orderId);
      return order ? structuredClone(order) : undefined;
    },
    listByBuyer: notUsed,
    listByVillage: notUsed,
    listPaymentOverdue: notUsed,
    place: notUsed,
    async transition(t) {
      if (staleWrites > 0) {
        staleWrites--;
        return false;
      }
      const current = orders.get(t.next.orderId);
      if (!current || current.version !== t.expectedVersion) return false;
      if (t.eventId && events.has(t.eventId)) return false;
      orders.set(t.next.orderId, structuredClone(t.next));
      if (t.eventId) events.add(t.eventId);
      transitions.push(structuredClone(t));
      return true;
    },
    async hasEvent(eventId) {
      return events.has(eventId);
    },
    async recordEvent(eventId) {
      if (events.has(eventId)) return false;
      events.add(eventId);
      return true;
    },
    /** The next `count` transitions fail as if the order had changed meanwhile. */
    staleNext(count) {
      staleWrites = count;
    },
  };
  return { repository, orders, events, transitions };
}

/** A gateway that records what it was asked; `taken` lists payments whose money is already taken (release refuses). */
export function recordingGateway(taken = new Set<string>()) {
  const calls: { op: 'create' | 'capture' | 'release' | 'refund'; paymentId: string; amountFen?: number }[] = [];
  const gateway: PaymentGateway = {
    async createPayment(request) {
      const paymentId = `pi_sim_${request.orderId.slice(4)}`;
      calls.push({ op: 'create', paymentId, amountFen: request.amountFen });
      return { provider: 'simulator', paymentId, clientSecret: null, payUrl: `/pay/${paymentId}`, amountFen: request.amountFen, currency: 'cny' };
    },
    async capture({ paymentId }) {
      calls.push({ op: 'capture', paymentId });
    },
    async release({ paymentId }) {
      calls.push({ op: 'release', paymentId });
      if (taken.has(paymentId)) throw new PaymentAlreadyTakenError(paymentId);
    },
    async refund({ paymentId, amountFen }) {
      calls.push({ op: 'refund', paymentId, amountFen });
    },
  };
  return { gateway, calls };
}

export const fixedClock = { now: () => new Date(AT) };
