import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account } from '../../shared/domain/account.js';
import type { ProgrammeReport, Rankings, VillageReport } from '../../shared/domain/reports.js';
import { formatFen } from '../../web/src/format.js';
import { seriousA11yViolations, startBrowserStack, type BrowserStack } from './support/browser-stack.js';

/** Screenshots for people to look at (git-ignored): every organizer page at phone and laptop width. */
const SCREENSHOTS = resolve(import.meta.dirname, '../../test-artifacts/screenshots');
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const BOM = [0xef, 0xbb, 0xbf];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `yyyy-mm` of an instant on Beijing's calendar. */
function shanghaiMonth(instant: Date): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).formatToParts(instant).map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}`;
}

/** The current year on Beijing's calendar. */
const shanghaiYear = () => Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));

describe('organizer reports in a real browser (Chromium, 360 and 1280 px)', () => {
  let stack: BrowserStack;
  let accounts: Account[];
  let organizer: Account;
  let tudiao: { villageId: string; coop: Account };

  beforeAll(async () => {
    stack = await startBrowserStack();
    mkdirSync(SCREENSHOTS, { recursive: true });
    accounts = ((await (await fetch(`${stack.baseUrl}/api/dev/accounts`)).json()) as { items: Account[] }).items;
    organizer = accounts.find((a) => a.role === 'organizer')!;
    const villages = (await (await fetch(`${stack.baseUrl}/api/villages?limit=100`)).json()) as { items: { villageId: string; name: string }[] };
    const villageId = villages.items.find((v) => v.name === '土地坳村')!.villageId;
    tudiao = { villageId, coop: accounts.find((a) => a.role === 'coop' && a.villageId === villageId)! };
  }, 180_000);
  afterAll(async () => stack?.stop());

  /** Calls the API as a seeded account, with a token from the stack's development issuer. */
  async function api<T>(account: Account, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: T }> {
    const response = await fetch(`${stack.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${await stack.issuer.issue(account)}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? null : JSON.stringify(body),
    });
    return { status: response.status, json: (await response.json()) as T };
  }

  /** Signs in through the development sign-in page, which lists the seeded accounts, and lands on `next`. */
  async function signedIn(account: Account, next: string, options: { width?: number; lang?: 'zh' | 'en' } = {}): Promise<Page> {
    const page = await stack.newPage(options);
    await page.goto(`${stack.baseUrl}/sign-in?next=${encodeURIComponent(next)}`);
    await page.getByRole('button', { name: new RegExp(escape(account.displayName)) }).click();
    await page.waitForURL((url) => url.pathname === next.split('?')[0]);
    return page;
  }

  /** A cooperative records an offline sale the way its browser would: receipt photo first, then the sale. */
  async function recordOfflineSale(coop: Account, amountFen: number, occurredAt: Date): Promise<void> {
    const villageId = coop.villageId!;
    const products = (await (await fetch(`${stack.baseUrl}/api/products?villageId=${villageId}&limit=1`)).json()) as { items: { productId: string }[] };
    const slot = await api<{ receiptPhotoKey: string; url: string; fields: Record<string, string> }>(coop, 'POST', `/api/villages/${villageId}/sales/receipts`, {
      contentType: 'image/png',
    });
    expect(slot.status).toBe(201);
    const form = new FormData();
    for (const [name, value] of Object.entries(slot.json.fields)) form.append(name, value);
    form.append('file', new Blob([PNG], { type: 'image/png' }), 'receipt.png');
    const upload = await fetch(slot.json.url, { method: 'POST', body: form });
    expect(upload.status).toBeLessThan(300);
    const sale = await api(
      coop,
      'POST',
      `/api/villages/${villageId}/sales`,
      {
        productId: products.items[0]!.productId,
        quantity: 3,
        amountFen,
        occurredAt: occurredAt.toISOString(),
        counterparty: '简阳市农贸市场（端到端测试）',
        receiptPhotoKey: slot.json.receiptPhotoKey,
      },
      { 'Idempotency-Key': crypto.randomUUID() },
    );
    expect(sale.status, JSON.stringify(sale.json)).toBe(201);
  }

  /** This year's figure of a month in the chart's data table, in fen, with the data table opened. */
  async function chartFigure(page: Page, month: string): Promise<number> {
    const details = page.locator('details.chart-data').first();
    if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await details.locator('summary').click();
    const cell = details.locator(`tr[data-month="${month}"] td[data-series="this_year"]`);
    await cell.waitFor();
    const fen = Number(await cell.getAttribute('data-fen'));
    expect(await cell.textContent()).toBe(formatFen(fen));
    return fen;
  }

  async function shoot(page: Page, name: string): Promise<void> {
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  }

  it("shows an organizer 土地坳村's report: the year-on-year chart and the figures from the API", async () => {
    // Prepare: the organizer's dashboard, then the village from its target table, as a person would go.
    const year = shanghaiYear();
    const report = (await api<VillageReport>(organizer, 'GET', `/api/reports/villages/${tudiao.villageId}?year=${year}`)).json;
    const page = await signedIn(organizer, '/dashboard', { width: 1280 });
    await page.getByRole('heading', { name: '协调办报表看板', level: 1 }).waitFor();
    // The dashboard's village line shows the per-capita increase the village's own report computes.
    const perCapitaCell = page.locator(`[data-testid="targets"] tr[data-village="${tudiao.villageId}"] [data-per-capita-fen]`);
    expect(Number(await perCapitaCell.getAttribute('data-per-capita-fen'))).toBe(report.perCapitaIncomeIncreaseFen);
    expect(await perCapitaCell.textContent()).toBe(formatFen(report.perCapitaIncomeIncreaseFen));
    await page.getByTestId('targets').getByRole('link', { name: '土地坳村' }).click();
    await page.waitForURL(/\/reports\/villages\/vil_/);
    // Act
    await page.getByRole('heading', { name: /土地坳村/, level: 1 }).waitFor();
    await page.locator('[data-testid="chart"] svg').first().waitFor();
    // Assess: the chart is drawn, its table has the twelve months, and the figures are the API's, in yuan from fen.
    expect(await page.locator('[data-testid="chart-table"] tbody tr').count()).toBe(12);
    expect(await page.locator('[data-stat="sales"] dd').first().textContent()).toBe(formatFen(report.salesFen));
    expect(await page.locator('[data-stat="compared"] dd').first().textContent()).toBe(formatFen(report.comparedSalesFen));
    expect(await page.locator('[data-stat="last-year-same"] dd').first().textContent()).toBe(formatFen(report.lastYearSameToDateFen));
    expect(await page.locator('[data-stat="yoy"] [data-yoy-status]').getAttribute('data-yoy-status')).toBe(report.yoyStatus);
    if (report.yoyStatus !== 'rate') expect(await page.locator('[data-stat="yoy"] dd').first().textContent()).not.toMatch(/%/);
    // Progress to the sales target and to the ¥1,200 per-capita target, as bars with their amounts.
    const perCapita = page.locator('[data-target="per-capita-target"]');
    expect(await perCapita.textContent()).toContain(formatFen(report.perCapitaIncomeIncreaseFen));
    expect(await perCapita.textContent()).toContain('¥1,200.00');
    expect(await page.getByRole('progressbar', { name: '人均增收目标' }).count()).toBe(1);
    expect(await page.getByRole('progressbar', { name: '销售目标' }).count()).toBe(1);
    expect(await chartFigure(page, report.monthly[0]!.month)).toBe(report.monthly[0]!.salesFen);
    // What each buying organisation bought this year, by name, from the report itself.
    expect(report.byOrganization.length).toBeGreaterThan(0);
    const buyers = page.locator('#by-org ~ * tbody tr');
    expect(await buyers.locator('th').allTextContents()).toEqual(report.byOrganization.map((o) => o.name));
    expect(await buyers.locator('td:first-of-type').allTextContents()).toEqual(report.byOrganization.map((o) => formatFen(o.purchasesFen)));
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shoot(page, 'organizer-village-report-1280');
    // The year picker works from the keyboard and keeps focus while last year's report loads in place.
    await page.locator('#report-year').focus();
    await page.keyboard.press('ArrowDown');
    await page.waitForURL(new RegExp(`year=${year - 1}`));
    await page.getByRole('heading', { name: `土地坳村 · ${year - 1} 年销售报表`, level: 1 }).waitFor();
    await page.locator('[data-stat="sales"]').waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('report-year');
  }, 90_000);

  it("adds a cooperative's offline sale to this month's figure in the chart, exactly", async () => {
    // Prepare
    const page = await signedIn(organizer, `/reports/villages/${tudiao.villageId}`, { width: 1280 });
    await page.locator('[data-testid="chart"] svg').first().waitFor();
    const occurredAt = new Date(stack.clock.now().getTime() - 60_000);
    const month = shanghaiMonth(occurredAt);
    const before = await chartFigure(page, month);
    const amountFen = 123_456; // ¥1,234.56
    // Act: 土地坳村's cooperative records a sale through the API; the organizer reloads the report.
    await recordOfflineSale(tudiao.coop, amountFen, occurredAt);
    await page.reload();
    await page.locator('[data-testid="chart"] svg').first().waitFor();
    // Assess
    expect((await chartFigure(page, month)) - before).toBe(amountFen);
  }, 90_000);

  it('flags the bottom three villages of the month on the rankings page, in words', async () => {
    // Prepare: every village with a sales target sells a different share of it this month (1 %, 2 %, …), so the
    // attainment ranking has a clear bottom three even without seeded history; with history, the growth
    // ranking has one too. The page must flag exactly what the API flags.
    const today = new Date();
    const year = Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(today));
    const month = Number(shanghaiMonth(today).slice(5));
    const first = (await api<Rankings>(organizer, 'GET', `/api/reports/rankings?year=${year}&month=${month}`)).json;
    const withTarget = first.villagesByTargetAttainment.filter((v) => v.salesTargetFen !== null).sort((a, b) => (a.villageId < b.villageId ? -1 : 1));
    const when = new Date(stack.clock.now().getTime() - 60_000);
    for (const [i, v] of withTarget.entries()) {
      const coop = accounts.find((a) => a.role === 'coop' && a.villageId === v.villageId)!;
      await recordOfflineSale(coop, Math.round((v.salesTargetFen! * (i + 1)) / 100), when);
    }
    const rankings = (await api<Rankings>(organizer, 'GET', `/api/reports/rankings?year=${year}&month=${month}`)).json;
    // Act
    const page = await signedIn(organizer, '/rankings', { width: 1280 });
    await page.getByRole('heading', { name: '村庄销售同比增长' }).waitFor();
    // Assess
    const flagged = async (id: string) => page.locator(`#${id} ~ * tr[data-bottom-three] th[scope="row"]`).allTextContents();
    const growth = await flagged('rank-growth');
    const attainment = await flagged('rank-attainment');
    expect(growth).toEqual(rankings.villagesByGrowth.filter((r) => r.bottomThree).map((r) => r.name));
    expect(attainment).toEqual(rankings.villagesByTargetAttainment.filter((r) => r.bottomThree).map((r) => r.name));
    expect([growth.length, attainment.length]).toContain(3);
    // Not by colour alone: each flagged row says so, and the list's summary names them.
    for (const row of await page.locator('tr[data-bottom-three]').all()) expect(await row.textContent()).toContain('倒数三名');
    const threeList = attainment.length === 3 ? 'rank-attainment' : 'rank-growth';
    const summary = await page.locator(`#${threeList} ~ [data-testid="bottom-summary"]`).textContent();
    for (const name of attainment.length === 3 ? attainment : growth) expect(summary).toContain(name);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shoot(page, 'organizer-rankings-1280');
  }, 180_000);

  it('offers a CSV export as a download link; the file starts with the UTF-8 BOM', async () => {
    // Prepare
    const page = await signedIn(organizer, `/reports/villages/${tudiao.villageId}`, { width: 1280 });
    await page.getByRole('heading', { name: /土地坳村/, level: 1 }).waitFor();
    // Act: the server writes the CSV; the page offers its link, a plain <a href download>.
    await page.getByRole('button', { name: '导出 CSV' }).click();
    const link = page.getByRole('link', { name: /^下载 village-report-.*\.csv$/ });
    await link.waitFor();
    const href = (await link.getAttribute('href'))!;
    expect(await link.getAttribute('download')).toMatch(/\.csv$/);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    // Assess
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual(BOM);
    expect(bytes.subarray(3).toString('utf8')).toMatch(/^项目 item,值 value\r?\n村 village,土地坳村/);
    const direct = Buffer.from(await (await fetch(href)).arrayBuffer());
    expect([...direct.subarray(0, 3)]).toEqual(BOM);
  }, 90_000);

  it('switches the reports to English', async () => {
    // Prepare
    const page = await signedIn(organizer, '/rankings', { width: 360 });
    await page.getByRole('heading', { name: '月度排名', level: 1 }).waitFor();
    // Act
    await page.getByRole('button', { name: 'English' }).click();
    // Assess
    await page.getByRole('heading', { name: 'Monthly rankings', level: 1 }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.getByRole('heading', { name: 'Villages by sales growth year on year' }).waitFor();
    expect(await page.getByRole('button', { name: 'Export CSV' }).count()).toBe(1);
    await page.goto(`${stack.baseUrl}/reports/villages/${tudiao.villageId}`);
    await page.getByRole('heading', { name: /Tudiao.*sales report/, level: 1 }).waitFor();
    expect(await page.getByText('Year-on-year growth').count()).toBeGreaterThan(0);
    expect(await page.getByRole('progressbar', { name: 'Per-capita income increase' }).count()).toBe(1);
    await shoot(page, 'organizer-village-report-en-360');
    // The dashboard names villages in English from the programme report itself.
    await page.goto(`${stack.baseUrl}/dashboard`);
    await page.getByTestId('targets').getByRole('link', { name: /Tudiao/ }).waitFor();
  }, 60_000);

  it('lets an organizer create a pairing from the keyboard, with the target in yuan, and see it due a weekly report', async () => {
    // Prepare
    const page = await signedIn(organizer, '/pairings', { width: 1280 });
    await page.getByRole('heading', { name: '结对帮扶', level: 1 }).waitFor();
    // An organisation not yet paired with 土地坳村 (the demo data may pair some already).
    type Pairings = { items: { pairingId: string; annualTargetFen: number; villageId: string; organizationId: string; organizationName: string }[] };
    const paired = (await api<Pairings>(organizer, 'GET', `/api/pairings?villageId=${tudiao.villageId}&limit=100`)).json.items.map((p) => p.organizationId);
    const organisation = accounts.find((a) => a.role === 'leader' && !paired.includes(a.organizationId!))!;
    // Act: open the form, fill it and submit, without the mouse.
    await page.locator('#new-pairing-toggle').focus();
    await page.keyboard.press('Enter');
    await page.locator('#pair-org').focus();
    await page.locator('#pair-org').selectOption(organisation.organizationId!);
    await page.keyboard.press('Tab');
    await page.locator('#pair-village').selectOption(tudiao.villageId);
    await page.locator('#pair-start').fill('2026-01-05');
    await page.locator('#pair-target').focus();
    await page.keyboard.type('200,000.50');
    await page.keyboard.press('Enter');
    // Assess: created in fen, listed with a link to its report, and due a weekly report for last week.
    await page.getByRole('status').filter({ hasText: '已创建结对' }).waitFor();
    const pairings = (await api<Pairings>(organizer, 'GET', `/api/pairings?villageId=${tudiao.villageId}&limit=100`)).json;
    const pairing = pairings.items.find((p) => p.organizationId === organisation.organizationId)!;
    expect(pairing.annualTargetFen).toBe(20_000_050);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('link', { name: `结对报表：${pairing.organizationName} × 土地坳村` }).click();
    await page.waitForURL(/\/reports\/pairings\//);
    await page.getByRole('heading', { name: /土地坳村/, level: 1 }).waitFor();
    await page.goto(`${stack.baseUrl}/weekly-reports`);
    await page.getByTestId('weekly').waitFor();
    expect(await page.locator(`[data-testid="weekly"] tr[data-status]`).count()).toBeGreaterThan(0);
    expect(await page.getByTestId('weekly').textContent()).toMatch(/未提交|待提交|按时提交|逾期提交/);
    expect(await seriousA11yViolations(page)).toEqual([]);
  }, 90_000);

  it('loads the dashboard with a handful of API requests, however many villages and counties there are', async () => {
    // Prepare: signed in elsewhere, so only the dashboard's own requests are counted.
    const page = await signedIn(organizer, '/rankings', { width: 1280 });
    await page.getByRole('heading', { name: '月度排名', level: 1 }).waitFor();
    await page.waitForLoadState('networkidle');
    const requests: string[] = [];
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (url.pathname.startsWith('/api/')) requests.push(`${r.method()} ${url.pathname}`);
    });
    // Act
    await page.goto(`${stack.baseUrl}/dashboard`);
    await page.getByTestId('targets').waitFor();
    await page.waitForLoadState('networkidle');
    await page.waitForFunction(() => !document.querySelector('main [role="status"].status:not(:empty), main [aria-busy="true"]'));
    // Assess: the programme report, the month's rankings, pairings, buyback totals and last week's reports (and
    // the session check) — not a report per county and per village, nor the directories for English names: 32
    // requests with the demo's 3 counties and 22 villages before the programme report existed.
    expect(requests.filter((r) => r !== 'GET /api/me').sort(), requests.join('\n')).toEqual([
      'GET /api/buyback-guarantees',
      'GET /api/pairings',
      'GET /api/reports/programme',
      'GET /api/reports/rankings',
      'GET /api/weekly-reports',
    ]);
    // The targets table lists every village of the programme report, in the report's order.
    const report = (await api<ProgrammeReport>(organizer, 'GET', `/api/reports/programme?year=${shanghaiYear()}`)).json;
    expect(await page.locator('[data-testid="targets"] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-village')))).toEqual(report.villages.map((v) => v.villageId));
  }, 90_000);

  it('has no serious or critical accessibility violations and no horizontal overflow on any organizer page, at 360 and 1280 px', async () => {
    const county = encodeURIComponent('简阳市');
    const pairings = (await api<{ items: { pairingId: string; organizationId: string }[] }>(organizer, 'GET', '/api/pairings')).json.items;
    const pages: [string, string][] = [
      ['dashboard', '/dashboard'],
      ['village-report', `/reports/villages/${tudiao.villageId}`],
      ['county-report', `/reports/counties/${county}`],
      ['category-report', '/reports/categories/poultry'],
      ['rankings', '/rankings'],
      ['pairings', '/pairings'],
      ['weekly-reports', '/weekly-reports'],
      ...(pairings[0]
        ? ([
            ['pairing-report', `/reports/pairings/${pairings[0].pairingId}`],
            ['organization-report', `/reports/organizations/${pairings[0].organizationId}`],
          ] as [string, string][])
        : []),
    ];
    for (const width of [360, 1280]) {
      const page = await signedIn(organizer, '/dashboard', { width });
      for (const [name, path] of pages) {
        await page.goto(`${stack.baseUrl}${path}`);
        await page.locator('main h1').first().waitFor();
        await page.waitForLoadState('networkidle');
        await page.waitForFunction(() => !document.querySelector('main [role="status"].status:not(:empty), main [aria-busy="true"]'));
        expect(await seriousA11yViolations(page), `${name} at ${width} px`).toEqual([]);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${path} at ${width} px`).toBeLessThanOrEqual(0);
        await shoot(page, `organizer-${name}-${width}`);
      }
    }
  }, 240_000);
});
