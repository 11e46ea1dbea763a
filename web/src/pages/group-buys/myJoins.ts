import { api, type Order } from '../../api';

const LIVE: Order['status'][] = ['pending_payment', 'authorized', 'paid', 'ready', 'shipped', 'completed'];

/**
 * The caller's live orders in one group buy. The API has no filter by group buy, so this reads the caller's
 * recent orders (newest first, up to 300) and picks them out.
 */
export async function myJoins(groupBuyId: string, signal?: AbortSignal): Promise<Order[]> {
  const out: Order[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 3; i++) {
    const page = await api.myOrders({ limit: 100, cursor }, signal);
    out.push(...page.items.filter((o) => o.groupBuyId === groupBuyId && LIVE.includes(o.status)));
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return out;
}
