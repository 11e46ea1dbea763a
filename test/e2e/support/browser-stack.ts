import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { PutBucketCorsCommand, type S3Client } from '@aws-sdk/client-s3';
import { serve } from '@hono/node-server';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Actor } from '../../../shared/domain/actor.js';
import { createLocalApp } from '../../../scripts/local/local-app.js';
import { MEDIA_BUCKET } from '../../../scripts/local/local-deps.js';
import { seedDemoData } from '../../../scripts/local/seed.js';
import type { Clock } from '../../../shared/domain/ids.js';
import { createTestStack } from '../../support/test-stack.js';

const root = resolve(import.meta.dirname, '../../..');
const webDist = join(root, 'web', 'dist');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Builds the web app once per run if its build is missing, as `npm start` would. */
function ensureWebBuild(): void {
  if (existsSync(join(webDist, 'index.html'))) return;
  const result = spawnSync('npm', ['run', '--silent', 'build:web'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('npm run build:web failed');
}

/**
 * Lets pages served from any loopback port upload to the shared test S3 server's media bucket (presigned POST)
 * as they do from http://localhost:3000 under `npm start`. Browser stacks serve from 127.0.0.1 on a free port and
 * files run side by side, each writing the bucket's one CORS rule: every stack writes this same rule, so none
 * undoes another's.
 */
async function allowUploadsFromLoopback(s3: S3Client): Promise<void> {
  await s3.send(
    new PutBucketCorsCommand({
      Bucket: MEDIA_BUCKET,
      CORSConfiguration: {
        CORSRules: [
          {
            AllowedOrigins: ['http://localhost:3000', 'http://127.0.0.1:*'],
            AllowedMethods: ['GET', 'PUT', 'POST', 'HEAD'],
            AllowedHeaders: ['*'],
            ExposeHeaders: ['ETag'],
            MaxAgeSeconds: 3000,
          },
        ],
      },
    }),
  );
}

/**
 * The local server as `npm start` runs it — API, pay page, web build — on a fresh table with the demo data,
 * listening on a free loopback port, plus a headless Chromium (Debian's; no browser is downloaded). The server's
 * clock stands at the start time unless the test passes its own, e.g. a `manualClock()` it moves; no timer runs
 * the scheduled work here, so a test moving time runs it itself (`runDueWork(stack.deps)`).
 */
export async function startBrowserStack(options: { clock?: Clock } = {}) {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Browser tests need Chromium at ${CHROMIUM}: run \`apt-get install chromium\` (or set CHROMIUM_PATH)`);
  }
  ensureWebBuild();
  const stack = await createTestStack({ clock: options.clock });
  await seedDemoData(stack.deps, stack.db);
  const app = createLocalApp(stack.deps, stack.issuer, webDist, stack.simulator);
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((done) => server.once('listening', () => done()));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await allowUploadsFromLoopback(stack.s3);
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  return {
    ...stack,
    baseUrl,
    browser,
    /** A phone-sized page (360 px), in Chinese unless told otherwise. */
    async newPage(options: { width?: number; lang?: 'zh' | 'en' } = {}): Promise<Page> {
      const context = await browser.newContext({ viewport: { width: options.width ?? 360, height: 780 }, locale: 'zh-CN' });
      const page = await context.newPage();
      if (options.lang === 'en') await page.addInitScript(() => window.localStorage.setItem('villageLink.lang', 'en'));
      return page;
    },
    async stop() {
      await browser.close();
      await new Promise<void>((done) => server.close(() => done()));
      await stack.simulator.drain();
    },
  };
}

export type BrowserStack = Awaited<ReturnType<typeof startBrowserStack>>;

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe-core in the page and returns the serious and critical violations (with where they are). */
export async function seriousA11yViolations(page: Page): Promise<{ id: string; impact: string; targets: string[] }[]> {
  await page.addScriptTag({ content: axeSource });
  const results = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    return axe.run(document, { resultTypes: ['violations'] });
  });
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')) }));
}

/** Where the browser tests write their screenshots (git-ignored). */
export const SCREENSHOTS = 'test-artifacts/screenshots';

/** A seeded account as the development sign-in lists it (`GET /api/dev/accounts`). */
export interface DevAccount {
  accountId: string;
  role: Actor['role'];
  displayName: string;
  villageId?: string;
  organizationId?: string;
}

/** Signs in through the development sign-in page, as a person would: one click on the account. */
export async function signIn(stack: BrowserStack, page: Page, account: Pick<DevAccount, 'displayName'>) {
  await page.goto(`${stack.baseUrl}/sign-in`);
  await page.getByRole('button', { name: account.displayName, exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

/** The page at 360 px (nothing may overflow) and at 1280 px, whole, into SCREENSHOTS; left at 360 px. */
export async function screenshots(page: Page, name: string) {
  await page.setViewportSize({ width: 360, height: 780 });
  await page.waitForLoadState('networkidle');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${name} overflows 360 px`).toBeLessThanOrEqual(0);
  await page.screenshot({ path: `${SCREENSHOTS}/${name}-360.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: `${SCREENSHOTS}/${name}-1280.png`, fullPage: true });
  await page.setViewportSize({ width: 360, height: 780 });
}
