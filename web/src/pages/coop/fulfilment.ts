import type { Order } from '../../api';

export type FulfilAction = 'ready' | 'shipped' | 'completed';

/**
 * What a cooperative can do next with its village's lines of an order, as the API allows it: a paid order (a
 * group-buy one once confirmed) is made ready (pickup) or shipped (delivery), then completed when handed over.
 */
export function nextActions(o: Order, villageId: string): FulfilAction[] {
  if (!['paid', 'ready', 'shipped'].includes(o.status)) return [];
  if (o.kind === 'group_buy' && !o.settledAt) return [];
  const own = o.villageFulfilment[villageId] ?? 'pending';
  if (own === 'completed') return [];
  if (own === 'pending') return [o.fulfilment.type === 'pickup' ? 'ready' : 'shipped', 'completed'];
  return ['completed'];
}
