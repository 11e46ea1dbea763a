import type { Order } from '../../api';
import { formatCount } from '../../format';
import { unitKey, type Lang, type Translate } from '../../i18n';

/** "土鸡 × 2 只" or "土鸡 × 2 只 等 3 件商品" for an order card. */
export function lineSummary(o: Order, lang: Lang, t: Translate): string {
  const first = o.lines[0];
  if (!first) return o.orderId;
  const head = `${first.productName} × ${formatCount(first.quantity, lang)} ${t(unitKey(first.unit))}`;
  return o.lines.length > 1 ? t('orders.andMore', { first: head, n: o.lines.length }) : head;
}
