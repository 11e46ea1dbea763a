import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations, startBrowserStack, type BrowserStack } from './support/browser-stack.js';

const SCREENSHOTS = 'test-artifacts/screenshots';

/** ¥1,234.56 from integer fen, through a decimal string (no float carries the amount). */
const yuan = (fen: number) =>
  new Intl.NumberFormat('zh-CN', { style: 'currency', currency: 'CNY' }).format(`${Math.trunc(fen / 100)}.${String(fen % 100).padStart(2, '0')}` as `${number}`);

/**
 * The page as a phone (360 px) and a desktop (1280 px) show it: nothing may overflow at 360 px, axe finds nothing
 * serious or critical at either width, and each width is saved whole as `<name>-360.png` / `<name>-1280.png`.
 */
async function checkAtBothWidths(page: Page, name: string) {
  await page.setViewportSize({ width: 360, height: 780 });
  await page.waitForLoadState('networkidle');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${name} overflows 360 px`).toBeLessThanOrEqual(0);
  expect(await seriousA11yViolations(page), `${name} at 360 px`).toEqual([]);
  await page.screenshot({ path: `${SCREENSHOTS}/${name}-360.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  expect(await seriousA11yViolations(page), `${name} at 1280 px`).toEqual([]);
  await page.screenshot({ path: `${SCREENSHOTS}/${name}-1280.png`, fullPage: true });
  await page.setViewportSize({ width: 360, height: 780 });
}

describe('storefront in a real browser (Chromium, 360 px)', () => {
  let stack: BrowserStack;
  let tudiaoId: string;
  let chicken: { productId: string; name: string; nameEn: string; priceFen: number };
  beforeAll(async () => {
    stack = await startBrowserStack();
    mkdirSync(SCREENSHOTS, { recursive: true });
    const villages = (await (await fetch(`${stack.baseUrl}/api/villages?limit=100`)).json()) as { items: { villageId: string; name: string }[] };
    tudiaoId = villages.items.find((v) => v.name === '土地坳村')!.villageId;
    const products = (await (await fetch(`${stack.baseUrl}/api/products?villageId=${tudiaoId}&limit=100`)).json()) as { items: (typeof chicken)[] };
    chicken = products.items.find((p) => p.name === '土地坳土鸡')!;
  }, 120_000);
  afterAll(async () => stack?.stop());

  it('shows in-season produce on the home page, in Chinese, with prices from integer fen', async () => {
    // Act
    const page = await stack.newPage();
    await page.goto(stack.baseUrl);
    await page.getByRole('heading', { name: '当季好物' }).waitFor();
    await page.locator('text=/¥\\d[\\d,]*\\.\\d{2}/').first().waitFor();
    // Assess
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    const prices = await page.locator('text=/¥\\d[\\d,]*\\.\\d{2}/').allTextContents();
    expect(prices.length).toBeGreaterThan(3);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('filters products by category and season, and switches to English', async () => {
    // Prepare
    const page = await stack.newPage();
    await page.goto(`${stack.baseUrl}/products`);
    await page.getByRole('heading', { name: '好物', level: 1 }).waitFor();
    // Act: category 菌菇 (fungi)
    await page.getByLabel('品类').selectOption('fungi');
    await page.waitForURL(/category=fungi/);
    await page.waitForLoadState('networkidle');
    const fungi = await page.locator('article, li').filter({ hasText: '¥' }).allTextContents();
    // Assess
    expect(fungi.length).toBeGreaterThan(0);
    for (const card of fungi) expect(card).toMatch(/菌菇/);
    expect(await seriousA11yViolations(page), JSON.stringify(await seriousA11yViolations(page))).toEqual([]);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Products', level: 1 }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
  });

  it('lets a cooperative sign in and see its own products in the console', async () => {
    // Prepare
    const accounts = (await (await fetch(`${stack.baseUrl}/api/dev/accounts`)).json()) as { items: { displayName: string; role: string; villageId?: string }[] };
    const coop = accounts.items.find((a) => a.role === 'coop')!;
    const page = await stack.newPage();
    // Act
    await page.goto(`${stack.baseUrl}/sign-in`);
    await page.getByRole('button', { name: new RegExp(coop.displayName) }).click();
    await page.waitForURL(/\/coop/);
    // Assess: the console lists this village's products, which the API also lists.
    const own = (await (await fetch(`${stack.baseUrl}/api/products?villageId=${coop.villageId}&limit=100`)).json()) as { items: { name: string }[] };
    await page.getByText(own.items[0]!.name).first().waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('is usable at 360 px: nothing overflows the viewport horizontally', async () => {
    const page = await stack.newPage({ width: 360 });
    for (const path of ['/', '/products', '/villages', '/sign-in']) {
      await page.goto(`${stack.baseUrl}${path}`);
      await page.waitForLoadState('networkidle');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
  });

  it('shows every buyer page at 360 px and 1280 px, screenshotted, with no serious accessibility problem', async () => {
    const page = await stack.newPage();
    const h1 = (name: string | RegExp) => page.getByRole('heading', { name, level: 1 }).waitFor();
    // Signed out: the pages anyone browses.
    await page.goto(stack.baseUrl);
    await page.getByRole('heading', { name: '当季好物' }).waitFor();
    await checkAtBothWidths(page, 'buyer-home');
    await page.goto(`${stack.baseUrl}/villages`);
    await h1('村庄');
    await checkAtBothWidths(page, 'buyer-villages');
    await page.goto(`${stack.baseUrl}/villages/${tudiaoId}`);
    await h1('土地坳村');
    await page.locator('li.product-card').first().waitFor();
    await checkAtBothWidths(page, 'buyer-village');
    await page.goto(`${stack.baseUrl}/products`);
    await h1('好物');
    await page.locator('li.product-card').first().waitFor();
    await checkAtBothWidths(page, 'buyer-products');
    await page.goto(`${stack.baseUrl}/sign-in`);
    await h1('登录');
    await page.getByRole('heading', { name: '买家', level: 2 }).waitFor();
    await checkAtBothWidths(page, 'buyer-sign-in');

    // Signed in as a buyer: a product into the cart, the cart with its checkout, a group buy, an order, my orders.
    const accounts = (await (await fetch(`${stack.baseUrl}/api/dev/accounts`)).json()) as { items: { displayName: string; role: string }[] };
    const buyer = accounts.items.find((a) => a.role === 'buyer')!;
    await page.getByRole('button', { name: buyer.displayName, exact: true }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
    await page.goto(`${stack.baseUrl}/products/${chicken.productId}`);
    await h1('土地坳土鸡');
    await checkAtBothWidths(page, 'buyer-product');
    await page.locator('#add-qty').fill('2');
    await page.getByRole('button', { name: '加入购物车' }).click();
    await page.goto(`${stack.baseUrl}/cart`);
    await h1('购物车');
    await page.getByRole('heading', { name: '结算' }).waitFor();
    await checkAtBothWidths(page, 'buyer-cart');
    const groupBuys = (await (await fetch(`${stack.baseUrl}/api/group-buys?limit=10`)).json()) as { items: { groupBuyId: string; title: string }[] };
    const groupBuy = groupBuys.items.find((g) => g.title.includes('水井坊'))!;
    await page.goto(`${stack.baseUrl}/group-buys/${groupBuy.groupBuyId}`);
    await h1(groupBuy.title);
    await page.locator('#join-qty').waitFor();
    await checkAtBothWidths(page, 'buyer-group-buy');
    await page.goto(`${stack.baseUrl}/cart`);
    await page.getByRole('button', { name: /^提交订单并支付/ }).click();
    await page.waitForURL(/\/pay\/pi_sim_/);
    await page.getByRole('button', { name: /支付宝/ }).click();
    await page.waitForURL(/\/orders\/ord_/);
    await expect.poll(() => page.locator('.order-status-line').textContent(), { timeout: 15_000 }).toContain('已支付');
    await checkAtBothWidths(page, 'buyer-order');
    await page.goto(`${stack.baseUrl}/orders`);
    await h1('我的订单');
    await page.locator('.order-card').first().waitFor();
    expect(await page.locator('.order-card').first().textContent()).toContain(yuan(chicken.priceFen * 2));
    await checkAtBothWidths(page, 'buyer-orders');
  }, 120_000);

  it('switches the home page and a product page to English, and back', async () => {
    // Prepare
    const page = await stack.newPage();
    await page.goto(stack.baseUrl);
    await page.getByRole('heading', { name: '当季好物' }).waitFor();
    // Act
    await page.getByRole('group', { name: '语言' }).getByRole('button', { name: 'English' }).click();
    // Assess: the home page in English, prices unchanged.
    await page.getByRole('heading', { name: 'In season now' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByRole('navigation').getByRole('link', { name: 'Products' }).count()).toBe(1);
    expect(await page.locator('text=/¥\\d[\\d,]*\\.\\d{2}/').count()).toBeGreaterThan(3);
    await checkAtBothWidths(page, 'buyer-home-en');
    // The choice is kept: the product page opens in English.
    await page.goto(`${stack.baseUrl}/products/${chicken.productId}`);
    await page.getByRole('heading', { name: chicken.nameEn, level: 1 }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.locator('.price-large').textContent()).toContain(`${yuan(chicken.priceFen)} / each`);
    expect(await page.getByRole('button', { name: 'Add to cart' }).count()).toBe(1);
    await checkAtBothWidths(page, 'buyer-product-en');
    // And back to Chinese.
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('heading', { name: chicken.name, level: 1 }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
  }, 60_000);
});
