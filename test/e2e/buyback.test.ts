import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOTS, screenshots, seriousA11yViolations, signIn, startBrowserStack, type BrowserStack, type DevAccount } from './support/browser-stack.js';

/** ¥1,234.56 from integer fen, through a decimal string (no float carries the amount). */
const yuan = (fen: number) =>
  new Intl.NumberFormat('zh-CN', { style: 'currency', currency: 'CNY' }).format(`${Math.trunc(fen / 100)}.${String(fen % 100).padStart(2, '0')}` as `${number}`);

/** A 1 × 1 PNG: a delivery photo small enough to send as it is. */
const PHOTO_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

describe('buyback guarantee in a real browser: offer, accept, deliver, accept the delivery, settle through the simulator', () => {
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

  it('runs a guarantee from the 成都市家禽产业协会’s offer to 土地坳村 through to a paid delivery', async () => {
    const leader = accounts.find((a) => a.role === 'leader' && a.displayName.startsWith('成都市家禽产业协会'))!;
    const coop = accounts.find((a) => a.role === 'coop' && a.villageId === tudiaoId)!;
    const products = (await (await fetch(`${stack.baseUrl}/api/products?villageId=${tudiaoId}&limit=100`)).json()) as {
      items: { productId: string; name: string; priceFen: number }[];
    };
    const chicken = products.items.find((p) => p.name === '土地坳土鸡')!;
    const leaderPage = await stack.newPage();
    await signIn(stack, leaderPage, leader);

    // Act (leader): the list, then the offer.
    await leaderPage.goto(`${stack.baseUrl}/buyback`);
    await leaderPage.getByRole('heading', { name: '保价回购', level: 1 }).waitFor();
    await leaderPage.locator('.bb-card').first().waitFor();
    expect(await seriousA11yViolations(leaderPage)).toEqual([]);
    await screenshots(leaderPage, 'buyback-list-leader');
    await leaderPage.getByRole('link', { name: '发起保价回购' }).click();
    await leaderPage.getByRole('heading', { name: '发起保价回购', level: 1 }).waitFor();
    await leaderPage.locator('#bb-village').selectOption({ label: '土地坳村' });
    await leaderPage.locator('#bb-product option', { hasText: '土地坳土鸡 ·' }).waitFor({ state: 'attached' });
    await leaderPage.locator('#bb-product').selectOption(chicken.productId);
    await leaderPage.locator('#bb-floor').fill('150');
    await leaderPage.locator('#bb-committed').fill('500');
    await leaderPage.locator('#bb-maximum').fill('600');
    await leaderPage.locator('#bb-grades').fill('一级、二级');
    await leaderPage.locator('#bb-place').fill('简阳市禾丰镇 协会收购点');
    expect(await seriousA11yViolations(leaderPage)).toEqual([]);
    await screenshots(leaderPage, 'buyback-new');
    await leaderPage.getByRole('button', { name: '发出要约' }).click();
    await leaderPage.waitForURL(/\/buyback\/bbg_[0-9A-Z]+$/);
    const path = new URL(leaderPage.url()).pathname;
    await leaderPage.getByText('等待土地坳村合作社确认要约。').waitFor();

    // Act (cooperative): accept the offer, record a delivery with a photo.
    const coopPage = await stack.newPage();
    await signIn(stack, coopPage, coop);
    await coopPage.goto(`${stack.baseUrl}${path}`);
    await coopPage.getByRole('heading', { name: '待你确认的要约' }).waitFor();
    expect(await seriousA11yViolations(coopPage)).toEqual([]);
    await coopPage.getByRole('button', { name: '接受要约' }).click();
    await coopPage.getByRole('dialog').getByRole('button', { name: '接受要约' }).click();
    await coopPage.getByRole('status').filter({ hasText: '已接受要约' }).waitFor();
    await coopPage.getByRole('button', { name: '登记交货' }).click();
    await coopPage.locator('#delivery-quantity').fill('120');
    await coopPage.locator('#delivery-grade').selectOption('一级');
    await coopPage.locator('#delivery-note').fill('第一批出栏，平均约 3.1 斤');
    await coopPage.locator('#delivery-photo').setInputFiles({ name: 'birds.png', mimeType: 'image/png', buffer: PHOTO_PNG });
    await coopPage.getByText('照片已上传。').waitFor();
    expect(await seriousA11yViolations(coopPage)).toEqual([]);
    await coopPage.getByRole('button', { name: '登记这批交货' }).click();
    await coopPage.getByRole('status').filter({ hasText: '已登记交货' }).waitFor();
    await coopPage.locator('.delivery').filter({ hasText: '待验收' }).waitFor();

    // Act (leader): accept the delivery; it is priced at max(floor, market reference).
    await leaderPage.reload();
    const delivery = leaderPage.locator('.delivery').filter({ hasText: '120 只' });
    await delivery.getByText('待验收').waitFor();
    await delivery.getByText(/验收时按 max\(保底价 ¥150\.00/).waitFor();
    await delivery.getByRole('button', { name: /验收通过/ }).click();
    await leaderPage.getByRole('dialog').getByRole('button', { name: '验收通过' }).click();
    await leaderPage.getByRole('status').filter({ hasText: '已验收' }).waitFor();
    const unitFen = Math.max(15_000, chicken.priceFen);
    await delivery.getByText('已验收，待付款').waitFor();
    const rule = await delivery.locator('.price-rule').textContent();
    expect(rule).toContain(`单价 = max(保底价 ¥150.00, 市场参考价 ${yuan(chicken.priceFen)})`);
    expect(rule).toContain(`120 × ${yuan(unitFen)} = ${yuan(unitFen * 120)}`);
    expect(await seriousA11yViolations(leaderPage)).toEqual([]);

    // Act (leader): settle what is owed through the simulator's pay page, with WeChat Pay.
    await leaderPage.getByRole('button', { name: `结算并支付 ${yuan(unitFen * 120)}` }).click();
    await leaderPage.waitForURL(/\/pay\/pi_sim_/);
    await leaderPage.getByRole('button', { name: /微信支付/ }).click();
    await leaderPage.waitForURL((url) => url.pathname === path);

    // Assess: the webhook arrives on its own time; the guarantee shows the delivery and the settlement paid.
    await leaderPage.locator('.settlement-list').getByText('已支付').waitFor({ timeout: 20_000 });
    await delivery.getByText('已付款').waitFor();
    expect(await leaderPage.locator('.bb-figures').textContent()).toContain(`120 只 · ${yuan(unitFen * 120)}`);
    const detail = await stack.call('GET', `/api${path.replace('/buyback/', '/buyback-guarantees/')}`, {
      as: { role: 'leader', accountId: leader.accountId, displayName: leader.displayName, organizationId: leader.organizationId! },
    });
    expect(detail.json.summary).toMatchObject({ committedQuantity: 500, offeredQuantity: 120, acceptedQuantity: 120, paidQuantity: 120, paidFen: unitFen * 120, owedFen: 0 });
    expect(await seriousA11yViolations(leaderPage)).toEqual([]);
    await screenshots(leaderPage, 'buyback-detail-leader');
    await coopPage.reload();
    await coopPage.locator('.delivery').filter({ hasText: '已付款' }).waitFor();
    await screenshots(coopPage, 'buyback-detail-coop');
  }, 120_000);

  it('gives organizers every guarantee with totals and filters, and lets them enter a market reference price', async () => {
    const organizer = accounts.find((a) => a.role === 'organizer')!;
    const page = await stack.newPage();
    await signIn(stack, page, organizer);
    await page.goto(`${stack.baseUrl}/buyback`);
    await page.getByRole('heading', { name: /合计/ }).waitFor();
    expect(await page.locator('.stats').first().textContent()).toMatch(/承诺价值.*¥[\d,]+\.\d{2}/);

    // Act: filter to 土地坳村, then enter this week's reference price for a product.
    await page.locator('#bb-filter-village').selectOption(tudiaoId);
    await page.waitForURL(new RegExp(`villageId=${tudiaoId}`));
    await page.locator('.bb-card').first().waitFor();
    // The filtered list replaces the unfiltered one once its request answers, which a loaded machine can delay.
    await expect.poll(async () => (await page.locator('.bb-card').allTextContents()).every((card) => card.includes('土地坳村')), { timeout: 15_000 }).toBe(true);
    for (const card of await page.locator('.bb-card').allTextContents()) expect(card).toContain('土地坳村');
    await page.getByRole('button', { name: '市场参考价' }).click();
    await page.locator('#market-product option').nth(1).waitFor({ state: 'attached' });
    await page.locator('#market-product').selectOption({ index: 1 });
    await page.locator('#market-price').fill('158.5');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: '保存参考价' }).click();

    // Assess
    await page.getByRole('status').filter({ hasText: /已保存：.*¥158\.50/ }).waitFor();
    await page.locator('#bb-market-panel table').getByText('¥158.50').waitFor();
    await screenshots(page, 'buyback-list-organizer');

    // Act: the closed 双石村 guarantee has an open breach: mark it settled.
    await page.goto(`${stack.baseUrl}/buyback?status=closed`);
    await page.locator('.bb-card').filter({ hasText: '违约未结清' }).getByRole('link').first().click();
    await page.getByRole('heading', { name: '违约情况' }).waitFor();
    expect(await page.locator('.panel-alert').textContent()).toMatch(/未履约数量.*只/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshots(page, 'buyback-detail-organizer');
    await page.getByRole('button', { name: '标记违约已结清' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '标记违约已结清' }).click();

    // Assess
    await page.getByRole('status').filter({ hasText: '违约已标记为结清。' }).waitFor();
    await page.getByText('违约已结清', { exact: true }).waitFor();
  }, 90_000);

  it('lets the cooperative propose new terms that the organisation accepts, and the organisation reject a delivery with its reason', async () => {
    // Prepare: the demo's active 土地坳土鸡 guarantee, with one delivery still undecided.
    const leader = accounts.find((a) => a.role === 'leader' && a.displayName.startsWith('成都市家禽产业协会'))!;
    const coop = accounts.find((a) => a.role === 'coop' && a.villageId === tudiaoId)!;
    const list = await stack.call('GET', '/api/buyback-guarantees?status=active', {
      as: { role: 'leader', accountId: leader.accountId, displayName: leader.displayName, organizationId: leader.organizationId! },
    });
    const seeded = (list.json.items as { guaranteeId: string; villageId: string; summary: { undecidedQuantity: number } }[]).find(
      (g) => g.villageId === tudiaoId && g.summary.undecidedQuantity > 0,
    )!;
    const path = `/buyback/${seeded.guaranteeId}`;

    // Act (cooperative): propose a smaller commitment.
    const coopPage = await stack.newPage();
    await signIn(stack, coopPage, coop);
    await coopPage.goto(`${stack.baseUrl}${path}`);
    await coopPage.getByRole('button', { name: '提议修改条款' }).click();
    expect(await coopPage.locator('#amend-start').getAttribute('readonly')).not.toBeNull();
    await coopPage.locator('#amend-committed').fill('2800');
    await coopPage.locator('#amend-note').fill('今年鸡苗成活率偏低，申请下调承诺量');
    await coopPage.getByRole('button', { name: '提交修改' }).click();
    await coopPage.getByRole('status').filter({ hasText: '已提出第 2 版条款' }).waitFor();
    await coopPage.getByRole('button', { name: '撤回修改' }).waitFor();

    // Act (leader): accept the amendment, reject the undecided delivery.
    const leaderPage = await stack.newPage();
    await signIn(stack, leaderPage, leader);
    await leaderPage.goto(`${stack.baseUrl}${path}`);
    const pending = leaderPage.locator('section', { has: leaderPage.getByRole('heading', { name: '第 2 版条款待确认' }) });
    await pending.waitFor();
    expect(await pending.textContent()).toContain('3,000 只 → 2,800 只');
    expect(await seriousA11yViolations(leaderPage)).toEqual([]);
    await pending.getByRole('button', { name: '接受修改' }).click();
    await leaderPage.getByRole('dialog').getByRole('button', { name: '接受修改' }).click();
    await leaderPage.getByRole('status').filter({ hasText: '第 2 版条款已生效。' }).waitFor();
    await leaderPage.getByRole('heading', { name: '现行条款（第 2 版）' }).waitFor();
    const history = leaderPage.locator('.terms-history > li');
    expect(await history.nth(0).textContent()).toMatch(/第 2 版（修改） · 现行.*已生效/);
    expect(await history.nth(1).textContent()).toMatch(/第 1 版（要约）.*已被替代/);

    const undecided = leaderPage.locator('.delivery').filter({ hasText: '待验收' }).first();
    await undecided.getByRole('button', { name: /退回/ }).click();
    await undecided.getByRole('button', { name: '确认退回' }).click();
    await undecided.getByText('请填写退回原因。').waitFor();
    await undecided.getByLabel(/退回原因/).fill('抽检 20 只中 5 只体重不足 2.5 斤');

    // Assess
    await undecided.getByRole('button', { name: '确认退回' }).click();
    await leaderPage.getByRole('status').filter({ hasText: '已退回' }).waitFor();
    await leaderPage.getByText('退回原因：抽检 20 只中 5 只体重不足 2.5 斤').waitFor();
    expect(await seriousA11yViolations(leaderPage)).toEqual([]);
  }, 90_000);
});
