import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOTS, screenshots, seriousA11yViolations, signIn, startBrowserStack, type BrowserStack, type DevAccount } from './support/browser-stack.js';

/** A 1 × 1 PNG: a receipt photo small enough to send as it is. */
const RECEIPT_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

describe('sales ledger and organisation pages in a real browser (Chromium, 360 px)', () => {
  let stack: BrowserStack;
  let accounts: DevAccount[];
  let tudiaoId: string;
  beforeAll(async () => {
    stack = await startBrowserStack();
    mkdirSync(SCREENSHOTS, { recursive: true });
    accounts = ((await (await fetch(`${stack.baseUrl}/api/dev/accounts`)).json()) as { items: DevAccount[] }).items;
    const villages = (await (await fetch(`${stack.baseUrl}/api/villages?limit=100`)).json()) as { items: { villageId: string; name: string }[] };
    tudiaoId = villages.items.find((v) => v.name === '土地坳村')!.villageId;
  }, 120_000);
  afterAll(async () => stack?.stop());

  it('lets the 土地坳村 cooperative record an offline sale with a receipt photo, then reverse it', async () => {
    // Prepare: sign in as the village's cooperative.
    const coop = accounts.find((a) => a.role === 'coop' && a.villageId === tudiaoId)!;
    const page = await stack.newPage();
    await signIn(stack, page, coop);
    await page.goto(`${stack.baseUrl}/coop/sales`);
    await page.getByRole('heading', { name: '销售台账', level: 1 }).waitFor();
    await page.locator('.ledger-row').first().waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshots(page, 'coop-sales');

    // Act: record an offline sale, the receipt photo uploaded straight to S3.
    await page.getByRole('button', { name: '录入线下销售' }).click();
    const product = page.locator('#sale-product');
    await product.locator('option').nth(1).waitFor({ state: 'attached' });
    await product.selectOption({ index: 1 });
    await page.locator('#sale-quantity').fill('12');
    await page.locator('#sale-amount').fill('1,680.50');
    await page.locator('#sale-counterparty').fill('简阳市永辉超市（代销）');
    await page.locator('#sale-note').fill('e2e 代销结算');
    await page.locator('#sale-receipt').setInputFiles({ name: 'receipt.png', mimeType: 'image/png', buffer: RECEIPT_PNG });
    await page.getByText('照片已上传。').waitFor();
    await page.getByRole('img', { name: /收据照片预览/ }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: '记入台账' }).click();

    // Assess: the sale heads the ledger, with its amount from integer fen.
    await page.getByRole('status').filter({ hasText: '已记入台账。' }).waitFor();
    const top = page.locator('.ledger-row').first();
    await expect.poll(() => top.textContent()).toContain('简阳市永辉超市（代销）');
    expect(await top.textContent()).toContain('¥1,680.50');
    expect(await top.textContent()).toContain('已附收据照片');

    // Act: reverse it, by keyboard: the button, the reason, Enter.
    await top.getByRole('button', { name: /冲销/ }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: '冲销这笔销售？' });
    await dialog.waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.keyboard.type('数量录错，应为 10 只');
    await page.keyboard.press('Enter');

    // Assess: the reversing record is shown, above the sale it reverses, which is marked reversed.
    await page.getByRole('heading', { name: '冲销记录' }).waitFor();
    expect(await page.locator('.flash-record').textContent()).toContain('-¥1,680.50');
    const reversal = page.locator('.ledger-row.is-reversal').filter({ hasText: '简阳市永辉超市（代销）' });
    await reversal.waitFor();
    expect(await reversal.textContent()).toContain('-¥1,680.50');
    const original = page.locator('.ledger-row.is-reversed').filter({ hasText: '简阳市永辉超市（代销）' });
    expect(await original.textContent()).toContain('已冲销');
    expect(await original.getByRole('button', { name: /冲销/ }).count()).toBe(0);
    const ledger = await stack.call('GET', '/api/sales?channel=offline&limit=5', { as: { role: 'coop', accountId: coop.accountId, displayName: coop.displayName, villageId: tudiaoId } });
    const rows = ledger.json.items as { source: string; amountFen: number; reverses?: string; counterparty?: string }[];
    const sale = rows.find((r) => r.counterparty === '简阳市永辉超市（代销）' && !r.reverses)!;
    expect(sale.amountFen).toBe(168_050);
    expect(rows.find((r) => r.reverses === sale.source)?.amountFen).toBe(-168_050);
    expect(await seriousA11yViolations(page)).toEqual([]);
  }, 90_000);

  it('lets a leader set this year’s pledge and submit a pairing’s weekly report', async () => {
    // Prepare: the leader of 水井坊社区, paired with 土地坳村 in the demo data.
    const leader = accounts.find((a) => a.role === 'leader' && a.displayName.startsWith('水井坊社区'))!;
    const page = await stack.newPage();
    await signIn(stack, page, leader);

    // Act: the organisation page; set the pledge.
    await page.goto(`${stack.baseUrl}/org`);
    await page.getByRole('heading', { name: /认购承诺/ }).waitFor();
    await page.getByRole('heading', { name: /土地坳村/ }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.locator('#pledge-amount').fill('200000');
    await page.getByRole('button', { name: '保存承诺' }).click();
    await page.getByRole('status').filter({ hasText: '认购承诺已保存。' }).waitFor();
    expect(await page.locator('.stats').first().textContent()).toContain('¥200,000.00');
    await screenshots(page, 'org');

    // Act: the weekly report of the pairing, figures prefilled from the ledger.
    await page.getByRole('link', { name: /填写周报/ }).first().click();
    await page.waitForURL(/\/pairings\/pair_[0-9A-Z]+\/weekly-report/);
    await page.getByRole('heading', { name: '本周数据' }).waitFor();
    await page.getByText('本周采购额').waitFor();
    expect(await page.getByText(/截止时间：/).textContent()).toMatch(/18:00/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshots(page, 'weekly-report');
    // The demo reported on last week already: write the one before.
    await page.locator('#weekly-week').selectOption({ index: 1 });
    await page.waitForURL(/week=/);
    await page.getByText('本周采购额').waitFor();
    await page.locator('#weekly-narrative').fill('本周走访土地坳村，采购土鸡用于社区食堂；下周组织团购。');
    await page.getByRole('button', { name: '提交周报' }).click();

    // Assess: submitted, on time or late as the deadline says.
    await page.getByRole('heading', { name: /周报已提交/ }).waitFor();
    expect(await page.locator('.panel').last().textContent()).toMatch(/按时提交|迟交/);

    // And in English, through the language switch.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Weekly progress report', level: 1 }).waitFor();
    await page.goto(`${stack.baseUrl}/org`);
    await page.getByRole('heading', { name: /^Our \d{4} pledge$/ }).waitFor();
    expect(await page.locator('.stats').first().textContent()).toContain('¥200,000.00');
  }, 90_000);
});
