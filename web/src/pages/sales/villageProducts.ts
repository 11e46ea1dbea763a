import { api, type Product } from '../../api';

/**
 * Every product of a village, newest first (a village has dozens at most): on sale or withdrawn for its cooperative
 * and organizers (`all`), on sale only for anyone else (the API shows withdrawn ones to those who manage the village).
 */
export async function villageProducts(villageId: string, signal?: AbortSignal, status: 'all' | 'active' = 'all'): Promise<Product[]> {
  const out: Product[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 10; i++) {
    const page = await api.products({ villageId, status, sort: 'newest', limit: 100, cursor }, signal);
    out.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return out;
}
