import { api, type Product } from '../../api';

/** Every product of a village, on sale or withdrawn, newest first (a village has dozens at most). */
export async function villageProducts(villageId: string, signal?: AbortSignal): Promise<Product[]> {
  const out: Product[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 10; i++) {
    const page = await api.products({ villageId, status: 'all', sort: 'newest', limit: 100, cursor }, signal);
    out.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return out;
}
