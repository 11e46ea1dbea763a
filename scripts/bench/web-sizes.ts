/**
 * The JavaScript each page of the web app loads on its first visit, gzipped, against the budgets of issue #6:
 * buyer and cooperative pages at most 100 KB, organizer pages at most 400 KB including charts.
 *
 * Read from the Vite build in web/dist without a browser: a first visit fetches index.html's entry script and
 * everything it imports statically (Vite also preloads those), then the lazily loaded chunk of the page's area
 * (web/src/app.tsx) and its static imports, and, on pages that draw a chart on first load, the ECharts chunk that
 * MonthlyChart imports dynamically. Each file counts once per page, compressed with gzip -9 (node:zlib): CloudFront
 * serves it compressed, with gzip or Brotli, so this is close to what goes over the wire. KB = 1,024 bytes.
 *
 *     npm run build:web && npx tsx scripts/bench/web-sizes.ts
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { root } from './support.js';

type Audience = 'buyer' | 'coop' | 'organizer';

const BUDGET_BYTES: Record<Audience, number> = { buyer: 100 * 1024, coop: 100 * 1024, organizer: 400 * 1024 };

interface PageSpec {
  page: string;
  path: string;
  audience: Audience;
  /**
   * The chunks the page loads lazily, in order, by the name Vite gives a chunk (its module's file name:
   * `import('./pages/shop')` → `shop-<hash>.js`). Each must be imported dynamically by what is loaded before it.
   */
  chunks: string[];
  /** Where another audience opens the page too, holding it to that audience's budget as well. */
  alsoOpenedBy?: { audience: Audience; how: string };
}

/** The pages the budgets name, and what each loads beyond the entry (see the routes in web/src/app.tsx). */
export const PAGES: PageSpec[] = [
  { page: 'storefront', path: '/, /villages, /products, /products/:id', audience: 'buyer', chunks: [] },
  { page: 'cart', path: '/cart', audience: 'buyer', chunks: ['shop'] },
  { page: 'orders', path: '/orders, /orders/:id', audience: 'buyer', chunks: ['shop'] },
  { page: 'group buys', path: '/group-buys, /group-buys/:id', audience: 'buyer', chunks: ['groupBuys'] },
  { page: 'coop console', path: '/coop', audience: 'coop', chunks: ['Console'] },
  { page: 'sales ledger', path: '/coop/sales', audience: 'coop', chunks: ['sales'] },
  { page: 'buyback', path: '/buyback', audience: 'coop', chunks: ['buyback'] },
  { page: 'organizer dashboard', path: '/dashboard', audience: 'organizer', chunks: ['reports', 'echarts'] },
  { page: 'village report', path: '/reports/villages/:id', audience: 'organizer', chunks: ['reports', 'echarts'] },
  // A cooperative opens its own village's report (本村进展) on the table of figures; ECharts loads on a tap.
  { page: 'village report (cooperative)', path: '/reports/villages/:id', audience: 'coop', chunks: ['reports'] },
  { page: 'rankings', path: '/rankings', audience: 'organizer', chunks: ['reports'] },
];

export interface PageSize {
  page: string;
  path: string;
  audience: Audience;
  /** Every JS file of the first load, entry first. */
  files: string[];
  gzipBytes: number;
  budgetBytes: number;
  alsoOpenedBy?: PageSpec['alsoOpenedBy'];
}

const STATIC_IMPORT = /(?:\bfrom|\bimport)\s*["'`]\.\/([\w.-]+\.js)["'`]/g;
const DYNAMIC_IMPORT = /\bimport\(\s*["'`]\.\/([\w.-]+\.js)["'`]\s*\)/g;

/** Measures every page in PAGES from the build in `dist`; throws if the build no longer has the chunks they name. */
export function measurePages(dist = join(root, 'web', 'dist')): PageSize[] {
  const assets = join(dist, 'assets');
  const source = new Map<string, string>();
  const read = (file: string) => {
    let text = source.get(file);
    if (text === undefined) {
      text = readFileSync(join(assets, file), 'utf8');
      source.set(file, text);
    }
    return text;
  };
  const gzipped = new Map<string, number>();
  const gzipBytes = (file: string) => {
    let bytes = gzipped.get(file);
    if (bytes === undefined) {
      bytes = gzipSync(readFileSync(join(assets, file)), { level: 9 }).length;
      gzipped.set(file, bytes);
    }
    return bytes;
  };
  const matches = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].map((m) => m[1]!);
  /** The file and everything it imports statically, transitively (import order, each once). */
  const withStaticImports = (file: string, into: string[]) => {
    if (into.includes(file)) return;
    into.push(file);
    for (const imported of matches(read(file), STATIC_IMPORT)) withStaticImports(imported, into);
  };

  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const entry = /<script\b[^>]*type="module"[^>]*src="\/assets\/([\w.-]+\.js)"/.exec(html)?.[1];
  if (!entry) throw new Error('web/dist/index.html names no module script under /assets/');

  return PAGES.map((spec) => {
    const files: string[] = [];
    withStaticImports(entry, files);
    for (const name of spec.chunks) {
      const lazy = new Set(files.flatMap((f) => matches(read(f), DYNAMIC_IMPORT)));
      // Vite names a chunk `<module name>-<8-character hash>.js`.
      const found = [...lazy].filter((f) => f.startsWith(`${name}-`) && /^[\w-]{8}\.js$/.test(f.slice(name.length + 1)));
      if (found.length !== 1) {
        throw new Error(
          `${spec.page}: expected one chunk named "${name}" among the chunks loaded lazily by ${files.join(', ')}; found ${found.length}` +
            ` (lazy: ${[...lazy].join(', ') || 'none'}). Has the build's chunking changed? Update PAGES in scripts/bench/web-sizes.ts.`,
        );
      }
      withStaticImports(found[0]!, files);
    }
    return {
      page: spec.page,
      path: spec.path,
      audience: spec.audience,
      files,
      gzipBytes: files.reduce((n, f) => n + gzipBytes(f), 0),
      budgetBytes: BUDGET_BYTES[spec.audience],
      ...(spec.alsoOpenedBy ? { alsoOpenedBy: spec.alsoOpenedBy } : {}),
    };
  });
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** The per-page table (Markdown) for `npm run bench`, with each chunk's own size below it. */
export function webSizeLines(dist = join(root, 'web', 'dist')): string[] {
  if (!existsSync(join(dist, 'index.html'))) return ['(web/dist missing: run `npm run build:web`)'];
  const pages = measurePages(dist);
  const lines = [
    '| page | route | JS files | gzip | budget | verdict |',
    '|---|---|---|---|---|---|',
    ...pages.map(
      (p) =>
        `| ${p.page} (${p.audience}${p.alsoOpenedBy ? `, ${p.alsoOpenedBy.audience}` : ''}) | ${p.path} | ${p.files.length} | ${kb(p.gzipBytes)} | ${kb(p.budgetBytes)} |` +
        ` ${p.gzipBytes <= p.budgetBytes ? 'within' : `**over** by ${kb(p.gzipBytes - p.budgetBytes)}`} |`,
    ),
  ];
  const assets = join(dist, 'assets');
  const chunks = readdirSync(assets)
    .filter((f) => f.endsWith('.js') || f.endsWith('.css'))
    .map((f) => ({ f, bytes: gzipSync(readFileSync(join(assets, f)), { level: 9 }).length }))
    .sort((a, b) => b.bytes - a.bytes);
  lines.push('', `Chunks (gzip -9): ${chunks.map((c) => `${c.f} ${kb(c.bytes)}`).join(', ')}.`);
  for (const p of pages) {
    const also = p.alsoOpenedBy && { ...p.alsoOpenedBy, budget: BUDGET_BYTES[p.alsoOpenedBy.audience] };
    if (also && p.gzipBytes > also.budget) {
      lines.push(`Note: the ${p.page} is also a ${also.audience} page (${also.how}); against that budget (${kb(also.budget)}) it is **over** by ${kb(p.gzipBytes - also.budget)}.`);
    }
  }
  return lines;
}

if (import.meta.filename === process.argv[1]) {
  console.log('## Web: JavaScript loaded on first visit, per page (gzip -9, from web/dist)');
  for (const line of webSizeLines()) console.log(line);
}
