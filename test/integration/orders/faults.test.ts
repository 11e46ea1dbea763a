import { ProvisionedThroughputExceededException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it, vi } from 'vitest';
import { createApp } from '../../../functions/api/app.js';
import { createDb } from '../../../shared/db/dynamo.js';
import { repositories } from '../../../shared/db/repositories/index.js';
import type { Actor } from '../../../shared/domain/actor.js';
import type { Deps } from '../../../shared/domain/ports.js';
import { buyer } from '../../support/fixtures.js';
import { createTestStack, requestHelpers, type TestStack } from '../../support/test-stack.js';
import { groupBuyBody, listProduct, namedLeader, paymentIntentEvent, paymentStatus, postWebhook, signatureFor, stockOf, villageWithCoop } from '../../api/orders/support.js';

type TransactFault = (input: TransactWriteCommandInput, attempt: number) => Promise<unknown>;

const throttled = () => new ProvisionedThroughputExceededException({ message: 'The level of configured provisioned throughput for the table was exceeded.', $metadata: {} });
const conflicted = (items: number) =>
  new TransactionCanceledException({
    message: 'Transaction cancelled, please refer cancellation reasons for specific reasons [TransactionConflict]',
    $metadata: {},
    CancellationReasons: Array.from({ length: items }, (_, i) => ({ Code: i === 0 ? 'TransactionConflict' : 'None' })),
  });
const SECRET_DETAIL = 'connect ETIMEDOUT 10.24.7.19:443 (dynamodb.cn-north-1.amazonaws.com.cn)';
const timedOut = () => Object.assign(new Error(`Connection timed out after 3000 ms: ${SECRET_DETAIL}`), { name: 'TimeoutError' });

/**
 * The app over a second client of the same table, mocked with aws-sdk-client-mock: every command passes through
 * to DynamoDB Local except TransactWrite, whose fate each test decides. The payment simulator keeps the unmocked
 * client, as Stripe would be untouched by the table's troubles.
 */
describe('store faults injected with aws-sdk-client-mock', () => {
  let stack: TestStack;
  let api: ReturnType<typeof requestHelpers>;
  let mock: ReturnType<typeof mockClient>;
  let transactAttempts = 0;
  let openedPayments: string[];
  let village: { villageId: string; coop: Actor };

  /** Every command goes to the real table; TransactWrite goes through `fault` (the real table if none). */
  function inject_(fault?: TransactFault) {
    const real = stack.db.doc;
    mock.reset();
    transactAttempts = 0;
    mock.on(GetCommand).callsFake((input) => real.send(new GetCommand(input)));
    mock.on(PutCommand).callsFake((input) => real.send(new PutCommand(input)));
    mock.on(UpdateCommand).callsFake((input) => real.send(new UpdateCommand(input)));
    mock.on(DeleteCommand).callsFake((input) => real.send(new DeleteCommand(input)));
    mock.on(QueryCommand).callsFake((input) => real.send(new QueryCommand(input)));
    mock.on(BatchGetCommand).callsFake((input) => real.send(new BatchGetCommand(input)));
    mock.on(TransactWriteCommand).callsFake((input: TransactWriteCommandInput) => {
      transactAttempts++;
      return fault ? fault(input, transactAttempts) : real.send(new TransactWriteCommand(input));
    });
  }

  beforeAll(async () => {
    stack = await createTestStack();
    const faulty = createDb({ tableName: stack.db.tableName, endpoint: inject('dynamoEndpoint'), region: 'local' });
    mock = mockClient(faulty.doc);
    openedPayments = [];
    const deps: Deps = {
      ...stack.deps,
      ...repositories(faulty),
      payments: {
        ...stack.deps.payments,
        async createPayment(request) {
          const session = await stack.deps.payments.createPayment(request);
          openedPayments.push(session.paymentId);
          return session;
        },
      },
    };
    api = requestHelpers(createApp(deps), stack.issuer);
    village = await villageWithCoop(stack);
  });

  afterAll(() => {
    mock.restore();
  });

  beforeEach(() => {
    openedPayments.length = 0;
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  /** The server logs an unexpected error in full (for operators); the test keeps that out of its output. */
  const quietServerLog = () => vi.spyOn(console, 'error').mockImplementation(() => undefined);

  async function openGroupBuy(maxQuantity = 10) {
    const product = await listProduct(stack, village, { stock: 20 });
    const deadline = new Date(stack.clock.now().getTime() + 24 * 60 * 60 * 1000).toISOString();
    const opened = await stack.call('POST', '/api/group-buys', { as: namedLeader('张敏'), body: groupBuyBody(product.productId, deadline, { maxQuantity }) });
    expect(opened.status).toBe(201);
    return { product, groupBuyId: opened.json.groupBuyId as string };
  }

  /** Nothing of a refused join may remain: no order, no join, no counted quantity — and no payment was opened for it. */
  async function expectNoJoinWritten(groupBuyId: string, me: Actor) {
    await stack.simulator.drain();
    expect((await stack.call('GET', `/api/group-buys/${groupBuyId}`)).json).toMatchObject({ joinedQuantity: 0, joinCount: 0, paidQuantity: 0 });
    expect(await stack.deps.groupBuys.joins(groupBuyId)).toEqual([]);
    expect((await stack.call('GET', '/api/me/orders', { as: me })).json.items).toEqual([]);
    // A join reserves before it opens a payment, so a join that reserved nothing never asked anyone to pay.
    expect(openedPayments).toEqual([]);
  }

  it('throttling on the join transaction: 503 with Retry-After, and nothing written', async () => {
    // Prepare
    const { groupBuyId } = await openGroupBuy();
    const me = buyer();
    inject_(async () => {
      throw throttled();
    });
    // Act
    const answer = await api.call('POST', `/api/group-buys/${groupBuyId}/joins`, { as: me, body: { quantity: 2 } });
    inject_();
    // Assess
    expect(answer.status).toBe(503);
    expect(answer.headers.get('retry-after')).toBe('1');
    expect(answer.json.error.code).toBe('busy');
    await expectNoJoinWritten(groupBuyId, me);
  });

  it('a transaction cancelled for conflict on every attempt: retried, then 503 with Retry-After, and nothing written', async () => {
    // Prepare
    const { groupBuyId } = await openGroupBuy();
    const me = buyer();
    inject_(async (input) => {
      throw conflicted(input.TransactItems?.length ?? 1);
    });
    // Act
    const answer = await api.call('POST', `/api/group-buys/${groupBuyId}/joins`, { as: me, body: { quantity: 2 } });
    const attempts = transactAttempts;
    inject_();
    // Assess
    expect(answer.status).toBe(503);
    expect(answer.headers.get('retry-after')).toBe('1');
    expect(answer.json.error.code).toBe('busy');
    expect(attempts).toBeGreaterThan(1);
    await expectNoJoinWritten(groupBuyId, me);
  });

  it('a conflict on the first attempt only: the join is retried and succeeds once', async () => {
    // Prepare
    const { groupBuyId } = await openGroupBuy();
    const me = buyer();
    inject_(async (input, attempt) => {
      if (attempt === 1) throw conflicted(input.TransactItems?.length ?? 1);
      return stack.db.doc.send(new TransactWriteCommand(input));
    });
    // Act
    const answer = await api.call('POST', `/api/group-buys/${groupBuyId}/joins`, { as: me, body: { quantity: 2 } });
    const attempts = transactAttempts;
    inject_();
    // Assess
    expect(answer.status).toBe(201);
    expect(attempts).toBe(2);
    expect((await stack.call('GET', `/api/group-buys/${groupBuyId}`)).json).toMatchObject({ joinedQuantity: 2, joinCount: 1 });
    expect(await stack.deps.groupBuys.joins(groupBuyId)).toHaveLength(1);
  });

  it('throttling on placing a direct order: 503 with Retry-After, no stock reserved, the payment released', async () => {
    // Prepare
    const product = await listProduct(stack, village, { stock: 7 });
    const me = buyer();
    inject_(async () => {
      throw throttled();
    });
    // Act
    const answer = await api.call('POST', '/api/orders', { as: me, body: { lines: [{ productId: product.productId, quantity: 3 }], fulfilment: { type: 'pickup' } } });
    inject_();
    await stack.simulator.drain();
    // Assess
    expect(answer.status).toBe(503);
    expect(answer.headers.get('retry-after')).toBe('1');
    expect(await stockOf(stack, product.productId)).toBe(7);
    expect((await stack.call('GET', '/api/me/orders', { as: me })).json.items).toEqual([]);
    expect(await paymentStatus(stack, openedPayments.at(-1)!)).toBe('canceled');
  });

  it('a timeout on the join transaction: a 5xx that leaks nothing of the store, and nothing written', async () => {
    // Prepare
    const { groupBuyId } = await openGroupBuy();
    const me = buyer();
    const serverLog = quietServerLog();
    inject_(async () => {
      throw timedOut();
    });
    // Act
    const answer = await api.call('POST', `/api/group-buys/${groupBuyId}/joins`, { as: me, body: { quantity: 2 } });
    inject_();
    // Assess
    expect(answer.status).toBeGreaterThanOrEqual(500);
    expect(answer.status).toBeLessThan(600);
    // Operators see what happened; the client does not.
    expect(serverLog.mock.calls.map((c) => String(c[0])).join('\n')).toContain('ETIMEDOUT');
    const body = JSON.stringify(answer.json);
    for (const internal of ['ETIMEDOUT', '10.24.7.19', 'amazonaws', 'TimeoutError', 'at ', '.ts']) expect(body).not.toContain(internal);
    expect(Object.keys(answer.json)).toEqual(['error']);
    await expectNoJoinWritten(groupBuyId, me);
  });

  it('a timeout on the join transaction is a 503 with a retry hint, like any other transient store fault', async () => {
    // Prepare
    const { groupBuyId } = await openGroupBuy();
    quietServerLog();
    inject_(async () => {
      throw timedOut();
    });
    // Act
    const answer = await api.call('POST', `/api/group-buys/${groupBuyId}/joins`, { as: buyer(), body: { quantity: 1 } });
    inject_();
    // Assess
    expect(answer.status).toBe(503);
    expect(answer.headers.get('retry-after')).not.toBeNull();
  });

  it('a timeout after the join was in fact written: retrying with the same Idempotency-Key gives an order the buyer can still pay', async () => {
    // Prepare: the transaction commits, but its answer is lost on the way back.
    const { groupBuyId } = await openGroupBuy();
    const me = buyer();
    quietServerLog();
    inject_(async (input) => {
      await stack.db.doc.send(new TransactWriteCommand(input));
      throw timedOut();
    });
    const headers = { 'idempotency-key': 'join-after-timeout-0001' };
    const first = await api.call('POST', `/api/group-buys/${groupBuyId}/joins`, { as: me, body: { quantity: 2 }, headers });
    inject_();
    // Act
    const retried = await api.call('POST', `/api/group-buys/${groupBuyId}/joins`, { as: me, body: { quantity: 2 }, headers });
    await stack.simulator.drain();
    // Assess
    expect(first.status).toBeGreaterThanOrEqual(500);
    expect(retried.status).toBe(201);
    const { orderId } = retried.json.order;
    const { paymentId } = retried.json.payment;
    expect(await paymentStatus(stack, paymentId)).toBe('requires_payment_method');
    await stack.simulator.complete(paymentId, { method: 'alipay' });
    await stack.simulator.drain();
    expect((await stack.call('GET', `/api/orders/${orderId}`, { as: me })).json.status).toBe('paid');
    expect((await stack.call('GET', `/api/group-buys/${groupBuyId}`)).json).toMatchObject({ joinedQuantity: 2, paidQuantity: 2, joinCount: 1 });
  });

  it('a timeout after a direct order was in fact written: retrying with the same Idempotency-Key gives an order the buyer can still pay', async () => {
    // Prepare: the transaction commits, but its answer is lost on the way back.
    const product = await listProduct(stack, village, { stock: 7 });
    const me = buyer();
    quietServerLog();
    inject_(async (input) => {
      await stack.db.doc.send(new TransactWriteCommand(input));
      throw timedOut();
    });
    const headers = { 'idempotency-key': 'order-after-timeout-0001' };
    const body = { lines: [{ productId: product.productId, quantity: 3 }], fulfilment: { type: 'pickup' } };
    const first = await api.call('POST', '/api/orders', { as: me, body, headers });
    inject_();
    // Act
    const retried = await api.call('POST', '/api/orders', { as: me, body, headers });
    await stack.simulator.drain();
    // Assess
    expect(first.status).toBeGreaterThanOrEqual(500);
    expect(retried.status).toBe(201);
    expect(await stockOf(stack, product.productId)).toBe(4);
    const { orderId } = retried.json.order;
    const { paymentId } = retried.json.payment;
    expect(await paymentStatus(stack, paymentId)).toBe('requires_payment_method');
    await stack.simulator.complete(paymentId, { method: 'alipay' });
    await stack.simulator.drain();
    expect((await stack.call('GET', `/api/orders/${orderId}`, { as: me })).json.status).toBe('paid');
  });

  it('throttling while a webhook applies a payment: 503 so the provider redelivers, no event recorded, then applied exactly once', async () => {
    // Prepare
    const product = await listProduct(stack, village, { stock: 5 });
    const me = buyer();
    const placed = await stack.call('POST', '/api/orders', { as: me, body: { lines: [{ productId: product.productId, quantity: 1 }], fulfilment: { type: 'pickup' } } });
    const { orderId } = placed.json.order;
    const event = paymentIntentEvent({
      eventId: 'evt_test_throttled_webhook',
      type: 'payment_intent.succeeded',
      paymentId: placed.json.payment.paymentId,
      orderId,
      amountFen: placed.json.order.totalFen,
      createdAt: stack.clock.now(),
    });
    inject_(async () => {
      throw throttled();
    });
    // Act
    const throttledAnswer = await api.call('POST', '/api/webhooks/stripe', { body: event, headers: { 'stripe-signature': signatureFor(event), 'content-type': 'application/json' } });
    inject_();
    const orderAfterFault = (await stack.call('GET', `/api/orders/${orderId}`, { as: me })).json;
    const recordedAfterFault = await stack.deps.orders.hasEvent('evt_test_throttled_webhook');
    const redelivered = await postWebhook(stack, event);
    const again = await postWebhook(stack, event);
    // Assess
    expect(throttledAnswer.status).toBe(503);
    expect(orderAfterFault).toMatchObject({ status: 'pending_payment', version: 1 });
    expect(recordedAfterFault).toBe(false);
    expect(redelivered.json.outcome).toBe('applied');
    expect(again.json.outcome).toBe('duplicate');
    expect((await stack.call('GET', `/api/orders/${orderId}`, { as: me })).json).toMatchObject({ status: 'paid', version: 2 });
  });
});
