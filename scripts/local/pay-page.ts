import { Hono } from 'hono';
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { ConflictError, NotFoundError } from '../../shared/domain/errors.js';
import { PaymentMethod } from '../../shared/domain/payment.js';
import { isSettlementReference } from '../../shared/domain/buyback.js';
import type { PaymentSimulator, SimulatedOutcome, SimulatedPayment } from '../../shared/payments/simulator.js';

/**
 * `/pay/:paymentId`: the local stand-in for Stripe's payment UI. The buyer picks a method (or a failure) and the
 * simulator sends the app the same webhook events Stripe would. Registered by the local server only.
 *
 * Every value is interpolated through Hono's `html` tag, which escapes it: order ids and descriptions come from
 * requests, and this page must not become a way to inject markup.
 */
export function payPageRoutes(simulator: Pick<PaymentSimulator, 'get' | 'complete'>) {
  const app = new Hono();

  app.get('/pay/:paymentId', async (c) => {
    const payment = await simulator.get(c.req.param('paymentId'));
    if (!payment) return c.html(notFoundPage(), 404);
    return c.html(paymentPage(payment, sameSitePath(c.req.query('returnTo'))));
  });

  app.post('/pay/:paymentId', async (c) => {
    const paymentId = c.req.param('paymentId');
    const form = await c.req.parseBody();
    const returnTo = sameSitePath(stringField(form.returnTo) ?? c.req.query('returnTo'));
    const outcome = outcomeOf(stringField(form.outcome));
    if (!outcome) {
      const payment = await simulator.get(paymentId);
      if (!payment) return c.html(notFoundPage(), 404);
      return c.html(paymentPage(payment, returnTo, '请选择一种支付方式。 Choose a way to pay.'), 400);
    }
    let payment: SimulatedPayment;
    try {
      payment = await simulator.complete(paymentId, outcome);
    } catch (error) {
      if (error instanceof NotFoundError) return c.html(notFoundPage(), 404);
      if (error instanceof ConflictError) {
        // A second click, or a second tab: show where the payment stands instead of an error.
        const current = await simulator.get(paymentId);
        if (current) return c.html(paymentPage(current, returnTo), 409);
      }
      throw error;
    }
    // 303 so the browser follows with a GET and a reload does not post the outcome again.
    return c.redirect(returnTo ?? payableOf(payment.orderId).back, 303);
  });

  return app;
}

/** ¥1,234.56 from integer fen, by way of a decimal string so no float ever carries the amount. */
export function formatYuan(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`Not a whole number of fen: ${fen}`);
  const digits = String(Math.abs(fen)).padStart(3, '0');
  const decimal = `${fen < 0 ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}` as `${number}`;
  return YUAN.format(decimal);
}

const YUAN = new Intl.NumberFormat('zh-CN', { style: 'currency', currency: 'CNY' });

/**
 * `value` if it is a path on this site, else undefined. Rejects `//host` and `/\host` (browsers read both as another
 * host), and any whitespace or control character (browsers drop tabs and newlines, turning `/\t/host` into `//host`).
 */
export function sameSitePath(value: string | undefined): string | undefined {
  if (!value || value.length > 2000) return undefined;
  return /^\/(?![/\\])[^\s\\]*$/.test(value) && !/\p{Cc}/u.test(value) ? value : undefined;
}

function stringField(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function outcomeOf(value: string | undefined): SimulatedOutcome | undefined {
  if (value === 'fail') return { fail: true };
  const method = PaymentMethod.safeParse(value);
  return method.success ? { method: method.data } : undefined;
}

const STATUS_TEXT: Record<SimulatedPayment['status'] | 'failed', [zh: string, en: string]> = {
  requires_payment_method: ['待支付', 'Awaiting payment'],
  requires_capture: ['已预授权，待确认收款', 'Authorised: the money is held until the order is confirmed'],
  succeeded: ['已支付', 'Paid'],
  canceled: ['已取消，未扣款', 'Canceled: nothing was charged'],
  refunded: ['已退款', 'Refunded'],
  failed: ['支付失败', 'Payment failed'],
};

/**
 * What a payment pays for, by its reference's prefix: an order, or a buyback settlement (`bbs_…`), whose page is
 * its guarantee's (the settlement's pay URL carries it as `returnTo`; without one, the buyback list).
 */
function payableOf(reference: string): { zh: string; en: string; back: string } {
  if (isSettlementReference(reference)) return { zh: '回购结算', en: 'Settlement', back: '/buyback' };
  return { zh: '订单', en: 'Order', back: `/orders/${encodeURIComponent(reference)}` };
}

function paymentPage(payment: SimulatedPayment, returnTo: string | undefined, problem?: string) {
  const open = payment.status === 'requires_payment_method' && !payment.failed;
  const [statusZh, statusEn] = STATUS_TEXT[payment.failed ? 'failed' : payment.status];
  const action = `/pay/${encodeURIComponent(payment.paymentId)}`;
  const payable = payableOf(payment.orderId);
  const back = returnTo ?? payable.back;
  const option = (outcome: string, zh: string, en: string, kind: 'pay' | 'fail' = 'pay') => html`
    <form method="post" action="${action}">
      <input type="hidden" name="outcome" value="${outcome}" />
      ${returnTo ? html`<input type="hidden" name="returnTo" value="${returnTo}" />` : ''}
      <button type="submit" class="${kind}">${zh} <span lang="en">${en}</span></button>
    </form>`;
  return layout(
    '模拟支付 Payment simulator',
    html`
      <h1>模拟支付 <span lang="en">Payment simulator</span></h1>
      <p class="note">本地开发环境，不会真实扣款。 <span lang="en">Local development only: no real money moves.</span></p>
      <p class="amount-label">应付金额 <span lang="en">Amount due</span></p>
      <p class="amount">${formatYuan(payment.amountFen)}</p>
      <dl>
        <dt>${payable.zh} <span lang="en">${payable.en}</span></dt>
        <dd><code>${payment.orderId}</code></dd>
        <dt>说明 <span lang="en">Description</span></dt>
        <dd>${payment.description}</dd>
        <dt>状态 <span lang="en">Status</span></dt>
        <dd>${statusZh} <span lang="en">${statusEn}</span></dd>
      </dl>
      ${problem ? html`<p class="problem" role="alert">${problem}</p>` : ''}
      ${open
        ? html`
            <h2>选择支付方式 <span lang="en">Choose how to pay</span></h2>
            ${payment.holdCardPayments
              ? option('card', '银行卡（预授权）', 'Card (held until confirmed)')
              : option('card', '银行卡', 'Card')}
            ${option('alipay', '支付宝', 'Alipay')} ${option('wechat_pay', '微信支付', 'WeChat Pay')}
            ${option('fail', '模拟失败', 'Simulate a failure', 'fail')}
          `
        : html`<p><a href="${back}">返回${payable.zh} <span lang="en">Back to the ${payable.en.toLowerCase()}</span></a></p>`}
    `,
  );
}

function notFoundPage() {
  return layout(
    '找不到支付 Payment not found',
    html`
      <h1>找不到这笔支付 <span lang="en">Payment not found</span></h1>
      <p>链接可能有误。 <span lang="en">The link may be wrong.</span></p>
      <p><a href="/">返回首页 <span lang="en">Back to the home page</span></a></p>
    `,
  );
}

function layout(title: string, body: HtmlEscapedString | Promise<HtmlEscapedString>) {
  return html`<!doctype html>
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>${title}</title>
        <style>
          :root { color-scheme: light; font-family: system-ui, "PingFang SC", "Microsoft YaHei", sans-serif; }
          body { margin: 0; background: #f4f4f0; color: #1a1a1a; }
          main { max-width: 28rem; margin: 0 auto; padding: 1rem; }
          h1 { font-size: 1.4rem; margin: 0.5rem 0; }
          h2 { font-size: 1.1rem; margin: 1.5rem 0 0.5rem; }
          .note { background: #fff4c2; border-left: 4px solid #8a6d00; padding: 0.5rem 0.75rem; }
          .amount-label { margin: 1rem 0 0; }
          .amount { font-size: 2.25rem; font-weight: 700; margin: 0 0 1rem; }
          dl { display: grid; grid-template-columns: auto 1fr; gap: 0.25rem 0.75rem; }
          dt { font-weight: 600; }
          dd { margin: 0; overflow-wrap: anywhere; }
          form { margin: 0.5rem 0; }
          button { width: 100%; min-height: 3rem; font: inherit; font-size: 1.05rem; border-radius: 0.5rem; border: 2px solid #1f5130; background: #1f5130; color: #fff; cursor: pointer; }
          button.fail { background: #fff; color: #8b1a1a; border-color: #8b1a1a; }
          button:focus-visible, a:focus-visible { outline: 3px solid #1d4ed8; outline-offset: 2px; }
          .problem { color: #8b1a1a; font-weight: 600; }
          a { color: #1d4ed8; }
        </style>
      </head>
      <body>
        <main>${body}</main>
      </body>
    </html>`;
}
