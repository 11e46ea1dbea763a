import Stripe from 'stripe';
import { ulid } from 'ulidx';
import { describe, expect, it } from 'vitest';
import type { PaymentEvent } from '../../../shared/domain/payment.js';
import { paymentSimulator } from '../../../shared/payments/simulator.js';
import { stripeEventVerifier } from '../../../shared/payments/stripe-events.js';
import { formatYuan, payPageRoutes, sameSitePath } from '../../../scripts/local/pay-page.js';
import { createTestStack } from '../../support/test-stack.js';

const SECRET = 'whsec_pay_page_test';

async function payPage() {
  const { db, clock } = await createTestStack();
  const verifier = stripeEventVerifier(new Stripe('sk_test_simulator'), SECRET);
  const events: PaymentEvent[] = [];
  const simulator = paymentSimulator({
    db,
    clock,
    webhookSecret: SECRET,
    payPageBase: '',
    deliver: async (rawBody, signature) => {
      const event = await verifier.verify(rawBody, signature);
      if (event) events.push(event);
    },
  });
  return { simulator, events, app: payPageRoutes(simulator) };
}

function post(fields: Record<string, string>) {
  return { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() };
}

describe('pay page', () => {
  it('shows the amount, the order and a form per method, with every interpolated value escaped', async () => {
    // Prepare
    const { simulator, app } = await payPage();
    const orderId = `ord_${ulid()}`;
    const { payUrl } = await simulator.createPayment({
      orderId,
      amountFen: 123_456,
      description: '<script>alert("x")</script> 桃子',
      holdCardPayments: true,
      buyerAccountId: 'acc_1',
    });
    // Act
    const response = await app.request(`${payUrl}?returnTo=${encodeURIComponent('/orders/x?tab="paid"')}`);
    const page = await response.text();
    // Assess
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    expect(page).toContain('<html lang="zh-CN">');
    expect(page).toContain('¥1,234.56');
    expect(page).toContain(orderId);
    expect(page).not.toContain('<script>');
    expect(page).toContain('&lt;script&gt;');
    expect(page).toContain('value="/orders/x?tab=&quot;paid&quot;"');
    expect(page.match(/<form method="post"/g)).toHaveLength(4);
    for (const outcome of ['card', 'alipay', 'wechat_pay', 'fail']) expect(page).toContain(`name="outcome" value="${outcome}"`);
    expect(page).toContain('银行卡（预授权）');
    expect(page).toContain('支付宝');
    expect(page).toContain('微信支付');
    expect(page).toContain('模拟失败');
  });

  it('completes the payment and sends the buyer back with a 303: to returnTo when it is a path of this site, else to the order', async () => {
    // Prepare
    const { simulator, app, events } = await payPage();
    const a = await simulator.createPayment({ orderId: `ord_${ulid()}`, amountFen: 500, description: 'a', holdCardPayments: false, buyerAccountId: 'acc_1' });
    const orderB = `ord_${ulid()}`;
    const b = await simulator.createPayment({ orderId: orderB, amountFen: 500, description: 'b', holdCardPayments: false, buyerAccountId: 'acc_1' });
    // Act
    const toReturn = await app.request(a.payUrl ?? '', post({ outcome: 'alipay', returnTo: '/orders/mine?paid=1' }));
    const toOrder = await app.request(b.payUrl ?? '', post({ outcome: 'wechat_pay', returnTo: '//evil.example/steal' }));
    await simulator.drain();
    // Assess
    expect(toReturn.status).toBe(303);
    expect(toReturn.headers.get('location')).toBe('/orders/mine?paid=1');
    expect(toOrder.status).toBe(303);
    expect(toOrder.headers.get('location')).toBe(`/orders/${orderB}`);
    expect(events.map((e) => [e.kind, e.method])).toEqual([
      ['succeeded', undefined],
      ['succeeded', undefined],
    ]);
    expect((await simulator.get(a.paymentId))?.method).toBe('alipay');
  });

  it('shows the status of a payment already completed, and answers a second post with 409 instead of paying twice', async () => {
    // Prepare
    const { simulator, app, events } = await payPage();
    const { payUrl } = await simulator.createPayment({ orderId: `ord_${ulid()}`, amountFen: 500, description: 'a', holdCardPayments: true, buyerAccountId: 'acc_1' });
    await app.request(payUrl ?? '', post({ outcome: 'card' }));
    // Act
    const again = await app.request(payUrl ?? '', post({ outcome: 'card' }));
    const page = await (await app.request(payUrl ?? '')).text();
    await simulator.drain();
    // Assess
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('已预授权');
    expect(page).toContain('Authorised');
    expect(page).not.toContain('<form');
    expect(events.map((e) => e.kind)).toEqual(['authorized']);
  });

  it('answers 404 for an unknown payment and 400 for an unknown outcome', async () => {
    // Prepare
    const { simulator, app } = await payPage();
    const { payUrl } = await simulator.createPayment({ orderId: `ord_${ulid()}`, amountFen: 500, description: 'a', holdCardPayments: true, buyerAccountId: 'acc_1' });
    // Act
    const missing = await app.request('/pay/pi_sim_nothing');
    const missingPost = await app.request('/pay/pi_sim_nothing', post({ outcome: 'card' }));
    const bad = await app.request(payUrl ?? '', post({ outcome: 'bitcoin' }));
    // Assess
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('Payment not found');
    expect(missingPost.status).toBe(404);
    expect(bad.status).toBe(400);
  });
});

describe('pay page helpers', () => {
  it('formats integer fen as yuan without floats', () => {
    expect(formatYuan(123_456)).toBe('¥1,234.56');
    expect(formatYuan(5)).toBe('¥0.05');
    expect(formatYuan(0)).toBe('¥0.00');
    expect(formatYuan(1_000_000_000)).toBe('¥10,000,000.00');
    expect(() => formatYuan(1.5)).toThrow(RangeError);
  });

  it('accepts only paths of this site as returnTo', () => {
    expect(sameSitePath('/orders/ord_1?x=1#y')).toBe('/orders/ord_1?x=1#y');
    for (const bad of ['//evil.example', '/\\evil.example', '/\t/evil.example', 'https://evil.example/', 'orders', '', undefined, '/a b']) {
      expect(sameSitePath(bad)).toBeUndefined();
    }
  });
});
