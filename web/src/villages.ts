import { api, type Village } from './api';
import { useAsync, type Async } from './hooks';

/** Every village, fetched once per visit: the county filters and village names on product cards use it. */
let all: Promise<Village[]> | undefined;

async function fetchAll(): Promise<Village[]> {
  const out: Village[] = [];
  let cursor: string | null = null;
  // Villages in the programme number in the hundreds at most; stop after 20 pages regardless.
  for (let i = 0; i < 20; i++) {
    const page = await api.villages({ limit: 100, cursor });
    out.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return out;
}

export function allVillages(): Promise<Village[]> {
  all ??= fetchAll().catch((err: unknown) => {
    all = undefined; // let the next caller try again
    throw err;
  });
  return all;
}

export const useAllVillages = (): Async<Village[]> => useAsync(() => allVillages(), []);

/** Distinct counties in a stable, locale-aware order. */
export function countiesOf(villages: Village[]): string[] {
  return [...new Set(villages.map((v) => v.county))].sort((a, b) => a.localeCompare(b, 'zh-CN'));
}

/** Villages grouped by county, counties and villages in name order. */
export function groupByCounty(villages: Village[]): [string, Village[]][] {
  const groups = new Map<string, Village[]>();
  for (const v of villages) groups.set(v.county, [...(groups.get(v.county) ?? []), v]);
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b, 'zh-CN'))
    .map(([county, vs]) => [county, vs.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))]);
}
