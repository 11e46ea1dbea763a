import { mkdirSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../shared/domain/actor.js';
import { seriousA11yViolations, startBrowserStack, type BrowserStack } from './support/browser-stack.js';

const SCREENSHOTS = 'test-artifacts/screenshots';

interface DevAccount {
  accountId: string;
  role: Actor['role'];
  displayName: string;
  villageId?: string;
}

/** A 320 × 240 JPEG drawn by the browser itself, the kind of file a phone camera hands the file input. */
async function photoJpeg(page: Page): Promise<Buffer> {
  const dataUrl = await page.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 320;
    canvas.height = 240;
    const ctx = canvas.getContext('2d')!;
    const sky = ctx.createLinearGradient(0, 0, 0, 240);
    sky.addColorStop(0, '#cfe8d5');
    sky.addColorStop(1, '#1f6f43');
    ctx.fillStyle = sky;
    ctx.fillRect(0, 0, 320, 240);
    ctx.fillStyle = '#8a4b2a';
    for (let i = 0; i < 5; i++) ctx.fillRect(40 + i * 50, 120 - i * 6, 30, 90 + i * 6);
    return canvas.toDataURL('image/jpeg', 0.85);
  });
  return Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
}

/** The image has loaded and decoded to real pixels (a broken or blocked src leaves naturalWidth at 0). */
async function naturalWidth(img: Locator): Promise<number> {
  await img.scrollIntoViewIfNeeded();
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => (el.complete ? el.naturalWidth : 0)), { timeout: 10_000 }).toBeGreaterThan(0);
  return img.evaluate((el: HTMLImageElement) => el.naturalWidth);
}

/** The page at 360 px (nothing may overflow) and at 1280 px, whole. */
async function screenshots(page: Page, name: string) {
  await page.setViewportSize({ width: 360, height: 780 });
  await page.waitForLoadState('networkidle');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${name} overflows 360 px`).toBeLessThanOrEqual(0);
  await page.screenshot({ path: `${SCREENSHOTS}/${name}-360.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: `${SCREENSHOTS}/${name}-1280.png`, fullPage: true });
  await page.setViewportSize({ width: 360, height: 780 });
}

describe('a cooperative lists a product with a photo and buyers see it (Chromium, 360 px)', () => {
  let stack: BrowserStack;
  let coop: DevAccount;
  let tudiaoId: string;
  beforeAll(async () => {
    stack = await startBrowserStack();
    mkdirSync(SCREENSHOTS, { recursive: true });
    const accounts = ((await (await fetch(`${stack.baseUrl}/api/dev/accounts`)).json()) as { items: DevAccount[] }).items;
    const villages = (await (await fetch(`${stack.baseUrl}/api/villages?limit=100`)).json()) as { items: { villageId: string; name: string }[] };
    tudiaoId = villages.items.find((v) => v.name === '土地坳村')!.villageId;
    coop = accounts.find((a) => a.role === 'coop' && a.villageId === tudiaoId)!;
  }, 120_000);
  afterAll(async () => stack?.stop());

  it('creates 红苕粉 in the console, uploads its photo straight to S3, and shows both in the storefront', async () => {
    const name = '土地坳村手工红苕粉';
    // Prepare: the 土地坳村 cooperative signs in and lands on its console.
    const page = await stack.newPage();
    await page.goto(`${stack.baseUrl}/sign-in`);
    await page.getByRole('button', { name: coop.displayName, exact: true }).click();
    await page.waitForURL(/\/coop$/);
    await page.getByRole('heading', { name: '合作社工作台', level: 1 }).waitFor();

    // Act: the new-product form, filled as a person would (the price typed in yuan, one decimal).
    await page.getByRole('button', { name: '新增产品' }).click();
    const form = page.locator('#new-product-form');
    await form.getByLabel(/^名称/).fill(name);
    await form.getByLabel(/^英文名称/).fill('Tudiao handmade sweet-potato noodles');
    await form.getByLabel(/^品类/).selectOption('processed');
    await form.getByLabel(/^单位/).selectOption('斤');
    await form.getByLabel(/^单价/).fill('26.8');
    await form.getByLabel(/^初始库存/).fill('80');
    await form.getByLabel('全年供应').check();
    await form.getByLabel(/^产品介绍/).fill('土地坳村红薯手工制粉，晾晒三日，久煮不烂。');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await form.getByRole('button', { name: '创建产品' }).click();

    // Assess: created, at the head of the village's products, priced from integer fen.
    await page.getByRole('status').filter({ hasText: `已创建“${name}”。` }).waitFor();
    const item = page.locator('li.coop-item').filter({ hasText: name });
    await item.waitFor();
    expect(await item.locator('.price').textContent()).toBe('¥26.80 / 斤');
    const listed = (await (await fetch(`${stack.baseUrl}/api/products?villageId=${tudiaoId}&sort=newest&limit=5`)).json()) as {
      items: { productId: string; name: string; priceFen: number; stock: number }[];
    };
    const product = listed.items.find((p) => p.name === name)!;
    expect(product).toMatchObject({ priceFen: 2_680, stock: 80 });

    // Act: its photos panel; choose a JPEG (previewed before it is sent), then upload it.
    await item.getByRole('button', { name: /^照片/ }).click();
    const photo = await photoJpeg(page);
    await page.getByLabel('选择照片').setInputFiles({ name: 'hongshao-fen.jpg', mimeType: 'image/jpeg', buffer: photo });
    const preview = page.getByRole('img', { name: '待上传照片预览' });
    expect(await naturalWidth(preview)).toBe(320);
    expect(await page.locator('figure.preview figcaption').textContent()).toContain('hongshao-fen.jpg');
    const sentToS3 = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().startsWith(stack.s3Endpoint));
    await item.getByRole('button', { name: '上传', exact: true }).click();

    // Assess: the browser posted the file to S3 itself (CORS allowed this stack's origin), and the product shows it.
    expect((await sentToS3).status()).toBeLessThan(300);
    await page.getByRole('status').filter({ hasText: '照片已上传。' }).waitFor();
    expect(await naturalWidth(item.getByRole('img', { name: `${name}（第 1 张）` }))).toBe(320);
    expect(await item.getByRole('button', { name: /^照片/ }).textContent()).toContain('(1)');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshots(page, 'coop-console');
    const stored = (await (await fetch(`${stack.baseUrl}/api/products/${product.productId}`)).json()) as { photos: { key: string; url: string }[] };
    expect(stored.photos).toHaveLength(1);
    const object = await fetch(stored.photos[0]!.url);
    expect(object.status).toBe(200);
    expect(object.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await object.arrayBuffer())).toEqual(photo);

    // Act: a buyer who is not signed in browses the storefront.
    const buyer = await stack.newPage();
    await buyer.goto(`${stack.baseUrl}/products`);
    await buyer.getByRole('heading', { name: '好物', level: 1 }).waitFor();

    // Assess: the newest product heads the list, with its photo and its price.
    const card = buyer.locator('li.product-card').filter({ hasText: name });
    await card.waitFor();
    expect(await card.locator('img').getAttribute('src')).toBe(stored.photos[0]!.url);
    expect(await naturalWidth(card.locator('img'))).toBe(320);
    expect(await card.locator('.price').textContent()).toBe('¥26.80 / 斤');
    expect(await seriousA11yViolations(buyer)).toEqual([]);

    // The village's page lists it too, and its own page shows the photo large.
    await buyer.goto(`${stack.baseUrl}/villages/${tudiaoId}`);
    const villageCard = buyer.locator('li.product-card').filter({ hasText: name });
    expect(await naturalWidth(villageCard.locator('img'))).toBe(320);
    await villageCard.getByRole('link', { name }).click();
    await buyer.getByRole('heading', { name, level: 1 }).waitFor();
    expect(await naturalWidth(buyer.getByRole('img', { name: `${name}（第 1 张）` }))).toBe(320);
    expect(await buyer.locator('.price-large').textContent()).toContain('¥26.80 / 斤');
    expect(await seriousA11yViolations(buyer)).toEqual([]);
  }, 90_000);
});
