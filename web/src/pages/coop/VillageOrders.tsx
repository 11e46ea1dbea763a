import { useState } from 'preact/hooks';
import { api, type Order } from '../../api';
import { OrderStatusTag } from '../../components/OrderStatusTag';
import { ErrorNote, errorText, LoadMore, Loading } from '../../components/Status';
import { formatDateTime, formatFen } from '../../format';
import { usePaged } from '../../hooks';
import { useI18n, type MessageKey } from '../../i18n';
import { OrderFacts } from '../orders/OrderFacts';
import { nextActions } from './fulfilment';

const ACTION_KEY: Record<'ready' | 'shipped' | 'completed', MessageKey> = {
  ready: 'coop.markReady',
  shipped: 'coop.markShipped',
  completed: 'coop.markCompleted',
};

/** The village's orders, newest first, each with the next fulfilment step for this village's lines. */
export function VillageOrders({ villageId }: { villageId: string }) {
  const { lang, t } = useI18n();
  const list = usePaged((cursor, signal) => api.villageOrders(villageId, { limit: 20, cursor }, signal), [villageId]);
  const [busy, setBusy] = useState<string | null>(null);
  const [flash, setFlash] = useState<{ ok: boolean; text: string } | null>(null);
  const [open, setOpen] = useState<string | null>(null);

  async function act(o: Order, action: 'ready' | 'shipped' | 'completed') {
    setBusy(o.orderId);
    setFlash(null);
    try {
      const updated = await api.fulfilOrder(o.orderId, action);
      // The answer carries every village's lines; this console shows only its own.
      list.upsert({ ...updated, lines: updated.lines.filter((l) => l.villageId === villageId) }, (x) => x.orderId === o.orderId);
      setFlash({ ok: true, text: t('coop.marked', { id: o.orderId.slice(-6), state: t(`fulfilment.${action}`) }) });
    } catch (err) {
      setFlash({ ok: false, text: errorText(err, t) });
    } finally {
      setBusy(null);
    }
  }

  return (
    <section aria-labelledby="village-orders">
      <div class="section-head">
        <h2 id="village-orders">{t('coop.orders')}</h2>
        <button type="button" class="btn btn-small" onClick={list.reload}>
          {t('common.refresh')}
        </button>
      </div>
      <p class="status" role="status">
        {flash?.ok ? flash.text : ''}
      </p>
      {flash && !flash.ok && (
        <p class="note note-error" role="alert">
          {flash.text}
        </p>
      )}
      {list.error && list.items.length === 0 ? (
        <ErrorNote error={list.error} onRetry={list.reload} />
      ) : list.items.length === 0 && list.loading ? (
        <Loading />
      ) : list.items.length === 0 ? (
        <p class="empty">{t('coop.noOrders')}</p>
      ) : (
        <ul class="coop-list">
          {list.items.map((o) => {
            const own = o.villageFulfilment[villageId] ?? 'pending';
            const actions = nextActions(o, villageId);
            const subtotal = o.lines.reduce((sum, l) => sum + l.amountFen, 0);
            const panel = `order-${o.orderId}`;
            return (
              <li key={o.orderId} class="coop-item">
                <div class="coop-summary">
                  <h3 class="card-title">
                    {o.buyerName} · <code>{o.orderId.slice(-6)}</code>
                  </h3>
                  <OrderStatusTag status={o.status} />
                  {o.kind === 'group_buy' && <span class="tag">{t('orders.groupBuy')}</span>}
                  <p class="price">{formatFen(subtotal)}</p>
                  <p class="meta">
                    <time dateTime={o.createdAt}>{formatDateTime(o.createdAt, lang)}</time> ·{' '}
                    {t(o.fulfilment.type === 'pickup' ? 'checkout.pickup' : 'checkout.delivery')} ·{' '}
                    {t('coop.ourPart')}: {t(`fulfilment.${own}` as MessageKey)}
                  </p>
                  <p class="meta">{o.lines.map((l) => `${l.productName} × ${l.quantity}`).join('，')}</p>
                </div>
                <div class="actions" role="group" aria-label={t('coop.actionsFor', { name: o.orderId.slice(-6) })}>
                  <button
                    type="button"
                    class="btn btn-small"
                    aria-expanded={open === o.orderId}
                    aria-controls={panel}
                    onClick={() => setOpen(open === o.orderId ? null : o.orderId)}
                  >
                    {t('coop.details')}
                  </button>
                  {actions.map((a) => (
                    <button
                      key={a}
                      type="button"
                      class="btn btn-small btn-primary"
                      aria-disabled={busy === o.orderId}
                      onClick={() => busy === null && void act(o, a)}
                    >
                      {t(ACTION_KEY[a])}
                    </button>
                  ))}
                  {o.kind === 'group_buy' && !o.settledAt && ['paid', 'authorized'].includes(o.status) && (
                    <span class="meta">{t('coop.waitGroupBuy')}</span>
                  )}
                </div>
                {open === o.orderId && (
                  <div id={panel} class="coop-panel">
                    <OrderFacts o={o} villageId={villageId} />
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <LoadMore hasMore={list.hasMore} loading={list.loading && list.items.length > 0} onMore={list.loadMore} />
    </section>
  );
}
