import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../shared/domain/actor.js';
import { runDueWork } from '../../shared/domain/use-cases/scheduler.js';
import { manualClock } from '../support/test-stack.js';
import { seriousA11yViolations, startBrowserStack, type BrowserStack } from './support/browser-stack.js';

interface DevAccount {
  accountId: string;
  role: Actor['role'];
  displayName: string;
  organizationId?: string;
}

/** ¥1,234.56 from integer fen, through a decimal string (no float carries the amount). */
const yuan = (fen: number) =>
  new Intl.NumberFormat('zh-CN', { style: 'currency', currency: 'CNY' }).format(`${Math.trunc(fen / 100)}.${String(fen % 100).padStart(2, '0')}` as `${number}`);

describe('group buy in a real browser: join, pay through the simulator, see it paid — or refunded', () => {
  let stack: BrowserStack;
  // The server's time, moved by the test past a deadline; the scheduled work is then run by hand.
  const clock = manualClock();
  beforeAll(async () => {
    stack = await startBrowserStack({ clock });
  }, 120_000);
  afterAll(async () => stack?.stop());

  it('lets a buyer join the 水井坊 group buy for 土地坳村 chicken and pay with Alipay', async () => {
    // Prepare: sign in as a seeded buyer.
    const accounts = (await (await fetch(`${stack.baseUrl}/api/dev/accounts`)).json()) as { items: { displayName: string; role: string }[] };
    const buyer = accounts.items.find((a) => a.role === 'buyer')!;
    const page = await stack.newPage();
    await page.goto(`${stack.baseUrl}/sign-in`);
    await page.getByRole('button', { name: new RegExp(buyer.displayName) }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
    // Act: open the group buy from the list and join with 2.
    await page.goto(`${stack.baseUrl}/group-buys`);
    await page.getByRole('link', { name: /土地坳村林下土鸡/ }).first().click();
    await page.waitForURL(/\/group-buys\/gb_/);
    const groupBuyId = new URL(page.url()).pathname.split('/').pop()!;
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.locator('#join-qty').fill('2');
    await page.getByRole('button', { name: '参团并支付' }).click();
    // The simulator's pay page stands in for Stripe's: pay with Alipay.
    await page.waitForURL(/\/pay\/pi_sim_/);
    await page.getByRole('button', { name: /支付宝/ }).click();
    await page.waitForURL(/\/orders\/ord_/);
    // Assess: the webhook arrives asynchronously; the order page shows it paid.
    await page.getByText('已支付').first().waitFor({ timeout: 15_000 });
    const groupBuy = (await (await fetch(`${stack.baseUrl}/api/group-buys/${groupBuyId}`)).json()) as { joinedQuantity: number; paidQuantity: number };
    expect(groupBuy).toMatchObject({ joinedQuantity: 2, paidQuantity: 2 });
  }, 60_000);

  it('refunds a buyer who paid for a group buy that misses its minimum, and the order page says so', async () => {
    // Prepare: the 水井坊 leader opens a group buy of 土地坳 chicken closing in two hours, minimum 30.
    const accounts = ((await (await fetch(`${stack.baseUrl}/api/dev/accounts`)).json()) as { items: DevAccount[] }).items;
    const leader = accounts.find((a) => a.role === 'leader' && a.displayName.startsWith('水井坊社区'))!;
    const buyer = accounts.filter((a) => a.role === 'buyer')[1]!;
    const products = (await (await fetch(`${stack.baseUrl}/api/products?limit=100`)).json()) as { items: { productId: string; name: string; priceFen: number }[] };
    const chicken = products.items.find((p) => p.name === '土地坳土鸡')!;
    const opened = await stack.call('POST', '/api/group-buys', {
      as: { role: 'leader', accountId: leader.accountId, displayName: leader.displayName, organizationId: leader.organizationId! },
      body: {
        productId: chicken.productId,
        unitPriceFen: chicken.priceFen - 1_000,
        minQuantity: 30,
        maxQuantity: 40,
        deadline: new Date(clock.now().getTime() + 2 * 60 * 60 * 1000).toISOString(),
        pickupPoint: { name: '水井坊社区党群服务中心', address: '成都市锦江区水井街 1 号', pickupTime: '周六 9:00–11:30' },
        title: '土地坳土鸡 · 水井坊社区周末团',
      },
    });
    expect(opened.status).toBe(201);
    const groupBuyId = opened.json.groupBuyId as string;
    const total = (chicken.priceFen - 1_000) * 2;

    // Act: a buyer opens its share link, joins with 2 and pays with WeChat Pay (charged at once, not held).
    const page = await stack.newPage();
    await page.goto(`${stack.baseUrl}/sign-in`);
    await page.getByRole('button', { name: buyer.displayName, exact: true }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
    await page.goto(`${stack.baseUrl}/group-buys/${groupBuyId}`);
    await page.getByRole('heading', { name: '土地坳土鸡 · 水井坊社区周末团', level: 1 }).waitFor();
    await page.locator('#join-qty').fill('2');
    await page.getByRole('button', { name: '参团并支付' }).click();
    await page.waitForURL(/\/pay\/pi_sim_/);
    await page.getByRole('button', { name: /微信支付/ }).click();
    await page.waitForURL(/\/orders\/ord_/);
    const orderId = new URL(page.url()).pathname.split('/').pop()!;
    const status = page.locator('.order-status-line');
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toContain('已支付');

    // Act: the deadline passes with 2 of the 30 paid for; the scheduled work runs, as every minute in AWS.
    clock.advance(2 * 60 * 60 * 1000 + 60_000);
    expect(await runDueWork(stack.deps)).toMatchObject({ closedGroupBuys: 1 });
    await stack.simulator.drain();

    // Assess, in the page: the order reads refunded, says why, and still shows what was paid.
    await page.reload();
    await expect.poll(() => status.textContent()).toContain('已退款');
    expect(await status.textContent()).toContain('团购未成团，款项已退回');
    expect(await page.locator('tfoot').textContent()).toContain(yuan(total));
    expect(await page.getByRole('button', { name: '退出团购' }).count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('link', { name: '查看所属团购' }).click();
    await page.locator('.tags').getByText('未成团').waitFor();
    await page.goto(`${stack.baseUrl}/orders`);
    const card = page.locator('.order-card').filter({ hasText: '土地坳土鸡' }).first();
    expect(await card.textContent()).toContain('已退款');
    expect(await card.textContent()).toContain(yuan(total));

    // Assess, through the API: the group failed, the order is refunded for that reason, and the money went back.
    const me: Actor = { role: 'buyer', accountId: buyer.accountId, displayName: buyer.displayName };
    const order = await stack.call('GET', `/api/orders/${orderId}`, { as: me });
    expect(order.json).toMatchObject({ status: 'refunded', closedReason: 'group_buy_failed', totalFen: total });
    expect((await stack.call('GET', `/api/group-buys/${groupBuyId}`)).json).toMatchObject({ status: 'failed', paidQuantity: 0 });
    expect(await stack.simulator.get(order.json.paymentId)).toMatchObject({ status: 'refunded', refundedFen: total });
  }, 60_000);
});
