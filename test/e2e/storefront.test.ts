import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations, startBrowserStack, type BrowserStack } from './support/browser-stack.js';

describe('storefront in a real browser (Chromium, 360 px)', () => {
  let stack: BrowserStack;
  beforeAll(async () => {
    stack = await startBrowserStack();
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
});
