import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations, startBrowserStack, type BrowserStack } from './support/browser-stack.js';

describe('group buy in a real browser: join, pay through the simulator, see it paid', () => {
  let stack: BrowserStack;
  beforeAll(async () => {
    stack = await startBrowserStack();
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
});
