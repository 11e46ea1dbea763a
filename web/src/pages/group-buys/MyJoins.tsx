import { useState } from 'preact/hooks';
import { api, type GroupBuy, type Order } from '../../api';
import { useConfirm } from '../../components/ConfirmDialog';
import { OrderStatusTag } from '../../components/OrderStatusTag';
import { errorText } from '../../components/Status';
import { formatCount, formatFen } from '../../format';
import { useAsync } from '../../hooks';
import { unitKey, useI18n } from '../../i18n';
import { PayNow } from '../orders/PayNow';
import { myJoins } from './myJoins';

/** The caller's joins of this group buy: status, pay now while unpaid, and leave while the group buy is open. */
export function MyJoins({ g, onLeft }: { g: GroupBuy; onLeft(): void }) {
  const { lang, t } = useI18n();
  const joins = useAsync((signal) => myJoins(g.groupBuyId, signal), [g.groupBuyId, g.version]);
  const [confirmDialog, ask] = useConfirm();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const open = g.status === 'open' && Date.parse(g.deadline) > Date.now();
  if (!joins.data || joins.data.length === 0) return null;

  async function leave(o: Order) {
    const ok = await ask({
      title: t('orders.leaveConfirm'),
      body: <p>{t(o.status === 'pending_payment' ? 'orders.cancelUnpaid' : 'orders.cancelRefund', { total: formatFen(o.totalFen) })}</p>,
      confirmLabel: t('orders.leave'),
      danger: true,
    });
    if (!ok) return;
    try {
      await api.leaveGroupBuy(g.groupBuyId, o.orderId);
      setMessage({ ok: true, text: t('gb.leftDone') });
      onLeft();
    } catch (err) {
      setMessage({ ok: false, text: errorText(err, t) });
    }
  }

  return (
    <section class="panel" aria-labelledby="my-joins">
      <h2 id="my-joins">{t('gb.myJoins')}</h2>
      {message && (
        <p class={message.ok ? 'status' : 'note note-error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
      <ul class="plain-list stack">
        {joins.data.map((o) => (
          <li key={o.orderId} class="my-join">
            <p>
              <a href={`/orders/${encodeURIComponent(o.orderId)}`}>
                {formatCount(o.lines[0]?.quantity ?? 0, lang)} {t(unitKey(g.unit))} · {formatFen(o.totalFen)}
              </a>{' '}
              <OrderStatusTag status={o.status} />
            </p>
            {o.status === 'pending_payment' && <PayNow orderId={o.orderId} onStale={joins.reload} />}
            {open && ['pending_payment', 'authorized', 'paid'].includes(o.status) && (
              <button type="button" class="btn btn-small btn-danger" onClick={() => void leave(o)}>
                {t('orders.leave')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {confirmDialog}
    </section>
  );
}
