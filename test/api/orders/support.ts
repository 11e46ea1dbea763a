import { ledgerRepository } from '../../../shared/db/ledger.js';
import { monthInShanghai } from '../../../shared/domain/season.js';
/**
 * Shared set-up for the order, group-buy, webhook and fault tests: a test stack whose manual clock and `Date`
 * move together, villages and products made through the API, and readers for what the API does not expose
 * (sales, payment-event records, simulated payments).
 */
import Stripe from 'stripe';
import { vi } from 'vitest';
import { LOCAL_WEBHOOK_SECRET } from '../../../scripts/local/local-deps.js';
import type { Actor } from '../../../shared/domain/actor.js';
import { ulidIds } from '../../../shared/runtime/ids.js';
import { paymentSimulator, type PaymentSimulator } from '../../../shared/payments/simulator.js';
import { buyer, coopOf, leaderOf, organizer, productInput, villageInput } from '../../support/fixtures.js';
import { createTestStack, manualClock, type TestStack } from '../../support/test-stack.js';

const ids = ulidIds();

/**
 * A test stack whose manual clock and the process's `Date` are moved together. The payment simulator signs its
 * webhooks with `Date.now()` while the verifier checks their age against the stack's clock, so a clock moved
 * without `Date` would make every simulated delivery "too old". Only `Date` is faked: timers stay real.
 */
export async function createSyncedStack(start: string) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(start));
  const clock = manualClock(start);
  const stack = await createTestStack({ clock });
  const setTime = (iso: string) => {
    clock.set(iso);
    vi.setSystemTime(new Date(iso));
  };
  const advance = (ms: number) => setTime(new Date(clock.now().getTime() + ms).toISOString());
  return { ...stack, clock, setTime, advance };
}

export type SyncedStack = Awaited<ReturnType<typeof createSyncedStack>>;
type AnyStack = TestStack | SyncedStack;

export const newOrganizationId = () => ids.next('organization');
export const namedBuyer = (displayName: string): Actor => ({ ...buyer(), displayName });
export const namedLeader = (displayName: string, organizationId = newOrganizationId()): Actor => ({ ...leaderOf(organizationId), displayName });

/** A village made by an organizer, with its cooperative. */
export async function villageWithCoop(stack: AnyStack, name = '土地坳村'): Promise<{ villageId: string; coop: Actor }> {
  const response = await stack.call('POST', '/api/villages', { as: organizer(), body: villageInput({ name }) });
  if (response.status !== 201) throw new Error(`village not created: ${JSON.stringify(response.json)}`);
  const villageId: string = response.json.villageId;
  return { villageId, coop: coopOf(villageId) };
}

export interface ListedProduct {
  productId: string;
  villageId: string;
  priceFen: number;
  stock: number;
  name: string;
  version: number;
}

/** A product listed by the village's cooperative. */
export async function listProduct(stack: AnyStack, village: { villageId: string; coop: Actor }, overrides: Parameters<typeof productInput>[0] = {}): Promise<ListedProduct> {
  const response = await stack.call('POST', `/api/villages/${village.villageId}/products`, { as: village.coop, body: productInput(overrides) });
  if (response.status !== 201) throw new Error(`product not created: ${JSON.stringify(response.json)}`);
  return response.json;
}

export async function stockOf(stack: AnyStack, productId: string): Promise<number> {
  const response = await stack.call('GET', `/api/products/${productId}`);
  return response.json.stock;
}

export const pickupPoint = { name: '玉林小区北门', address: '成都市武侯区玉林北路 12 号', pickupTime: '周六 9:00–11:00' };

export function groupBuyBody(productId: string, deadline: string, overrides: Record<string, unknown> = {}) {
  return { productId, unitPriceFen: 15_000, minQuantity: 3, maxQuantity: 10, deadline, pickupPoint, title: '土鸡团购', ...overrides };
}

/** A sale as stored (`SALE#<source>`, indexed by village and Asia/Shanghai month on GSI1). */
export interface StoredSale {
  source: string;
  villageId: string;
  productId: string;
  channel: string;
  buyerAccountId: string;
  quantity: number;
  amountFen: number;
  occurredAt: string;
}

/** Every sale of a village in one Asia/Shanghai month (`yyyy-MM`), oldest first. */
export async function salesOf(stack: AnyStack, villageId: string, month: string): Promise<StoredSale[]> {
  const page = await ledgerRepository(stack.db).listByVillage({ villageId, limit: 100 });
  return page.items.filter((sale) => monthInShanghai(new Date(sale.occurredAt)) === month).reverse() as StoredSale[];
}

/** The simulated payment's status, as the simulator (standing in for Stripe) keeps it. */
export async function paymentStatus(stack: AnyStack, paymentId: string): Promise<string | undefined> {
  return (await stack.simulator.get(paymentId))?.status;
}

/** Signs a raw webhook body as Stripe would (or with another secret, or at another time). */
export function signatureFor(payload: string, options: { secret?: string; timestamp?: number } = {}): string {
  return new Stripe('sk_test_x').webhooks.generateTestHeaderString({
    payload,
    secret: options.secret ?? LOCAL_WEBHOOK_SECRET,
    ...(options.timestamp !== undefined ? { timestamp: options.timestamp } : {}),
  });
}

/** Posts a raw event to the webhook route, signed unless a signature is given. */
export async function postWebhook(stack: AnyStack, payload: string, signature = signatureFor(payload)) {
  return stack.call('POST', '/api/webhooks/stripe', { body: payload, headers: { 'stripe-signature': signature, 'content-type': 'application/json' } });
}

/**
 * A Stripe-format PaymentIntent event like the simulator's (see shared/payments/simulator.ts), for events the
 * simulator would never send on its own (a failure after a success, an event with a chosen id).
 */
export function paymentIntentEvent(input: {
  eventId: string;
  type: 'payment_intent.succeeded' | 'payment_intent.payment_failed' | 'payment_intent.amount_capturable_updated' | 'payment_intent.canceled';
  paymentId: string;
  orderId: string;
  amountFen: number;
  createdAt: Date;
}): string {
  const status = {
    'payment_intent.succeeded': 'succeeded',
    'payment_intent.payment_failed': 'requires_payment_method',
    'payment_intent.amount_capturable_updated': 'requires_capture',
    'payment_intent.canceled': 'canceled',
  }[input.type];
  return JSON.stringify({
    id: input.eventId,
    object: 'event',
    api_version: Stripe.API_VERSION,
    created: Math.floor(input.createdAt.getTime() / 1000),
    data: {
      object: {
        id: input.paymentId,
        object: 'payment_intent',
        amount: input.amountFen,
        amount_capturable: status === 'requires_capture' ? input.amountFen : 0,
        amount_received: status === 'succeeded' ? input.amountFen : 0,
        currency: 'cny',
        status,
        payment_method: null,
        latest_charge: null,
        last_payment_error:
          input.type === 'payment_intent.payment_failed' ? { type: 'card_error', code: 'card_declined', message: 'declined', payment_method: { id: 'pm_x', object: 'payment_method', type: 'card' } } : null,
        payment_method_types: ['card', 'alipay', 'wechat_pay'],
        metadata: { orderId: input.orderId },
      },
    },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type: input.type,
  });
}

/** A deterministic shuffle (a seeded LCG), so a failing order of events can be replayed. */
export function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** A payment provider event as the simulator would have delivered it. */
export interface CapturedEvent {
  id: string;
  type: string;
  payload: string;
}

/**
 * Puts a payment simulator into the stack's deps whose webhook deliveries are captured instead of sent, so a test
 * decides when, how often and in which order they arrive. `newEvents` returns those captured since its last call,
 * after every pending delivery was made.
 */
export function capturingPayments(stack: SyncedStack): { payments: PaymentSimulator; newEvents: () => Promise<CapturedEvent[]> } {
  const captured: CapturedEvent[] = [];
  const payments = paymentSimulator({
    db: stack.db,
    clock: stack.clock,
    webhookSecret: LOCAL_WEBHOOK_SECRET,
    payPageBase: '',
    deliver: async (payload) => {
      const event = JSON.parse(payload) as { id: string; type: string };
      captured.push({ id: event.id, type: event.type, payload });
    },
  });
  stack.deps.payments = payments;
  return {
    payments,
    newEvents: async () => {
      await payments.drain();
      return captured.splice(0, captured.length);
    },
  };
}
