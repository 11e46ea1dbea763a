import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measurePages } from '../../scripts/bench/web-sizes.js';
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

describe('storefront in a real browser (Chromium, 360 px and 1280 px)', () => {
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
    // The filtered list replaces the unfiltered one once its request answers, which a loaded machine can delay.
    await expect.poll(async () => (await page.locator('article, li').filter({ hasText: '¥' }).allTextContents()).every((card) => /菌菇/.test(card)), { timeout: 15_000 }).toBe(true);
    await page.locator('article, li').filter({ hasText: '¥' }).first().waitFor();
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

  it('fetches on each page’s first visit exactly the JavaScript that `npm run bench` counts for it', async () => {
    // Prepare: what the size report reads from the build's import graph, and who opens each page, where.
    const counted = new Map(measurePages().map((p) => [p.page, p.files]));
    const accounts = (await (await fetch(`${stack.baseUrl}/api/dev/accounts`)).json()) as { items: { displayName: string; role: string; villageId?: string }[] };
    const buyer = accounts.items.find((a) => a.role === 'buyer')!;
    const coop = accounts.items.find((a) => a.role === 'coop' && a.villageId === tudiaoId)!;
    const organizer = accounts.items.find((a) => a.role === 'organizer')!;
    const visits: { as?: { displayName: string }; pages: [page: string, path: string][] }[] = [
      { pages: [['storefront', `/products/${chicken.productId}`]] },
      { as: buyer, pages: [['cart', '/cart'], ['orders', '/orders'], ['group buys', '/group-buys']] },
      {
        as: coop,
        pages: [['coop console', '/coop'], ['sales ledger', '/coop/sales'], ['buyback', '/buyback'], ['village report (cooperative)', `/reports/villages/${tudiaoId}`]],
      },
      { as: organizer, pages: [['organizer dashboard', '/dashboard'], ['village report', `/reports/villages/${tudiaoId}`], ['rankings', '/rankings']] },
    ];
    expect(new Set(visits.flatMap((v) => v.pages.map(([name]) => name)))).toEqual(new Set(counted.keys()));
    for (const { as, pages } of visits) {
      const page = await stack.newPage();
      // Routing every request through Playwright turns the HTTP cache off: every load is a first visit.
      await page.route('**/*', (route) => route.continue());
      if (as) {
        await page.goto(`${stack.baseUrl}/sign-in`);
        await page.getByRole('button', { name: as.displayName, exact: true }).click();
        await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
        // Whatever the landing page loads finishes before counting starts.
        await page.waitForLoadState('networkidle');
      }
      let loaded = new Set<string>();
      page.on('response', (r) => {
        const file = /\/assets\/([^/?]+\.js)$/.exec(new URL(r.url()).pathname)?.[1];
        if (file) loaded.add(file);
      });
      for (const [name, path] of pages) {
        // Act: a full page load.
        loaded = new Set();
        await page.goto(`${stack.baseUrl}${path}`);
        await page.locator('h1').first().waitFor();
        await page.waitForLoadState('networkidle');
        // Assess
        const expected = [...counted.get(name)!].sort();
        await expect.poll(() => [...loaded].sort(), { message: `${name} (${path}${as ? `, ${as.displayName}` : ''})` }).toEqual(expected);
      }
      await page.context().close();
    }
  }, 120_000);
});
