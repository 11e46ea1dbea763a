import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, type Order } from '../../api';
import { useConfirm } from '../../components/ConfirmDialog';
import { Countdown } from '../../components/Countdown';
import { OrderStatusTag } from '../../components/OrderStatusTag';
import { ErrorNote, errorText, Loading } from '../../components/Status';
import { formatDateTime, formatFen } from '../../format';
import { useAsync, useTitle } from '../../hooks';
import { useI18n } from '../../i18n';
import { canCancel, canConfirmReceipt, closedReasonKey } from '../../orderStatus';
import { useActor } from '../../session';
import { NotFound } from '../NotFound';
import { OrderFacts } from './OrderFacts';
import { PayNow } from './PayNow';

/** How often and how long to re-read an order awaiting payment: the provider's webhook arrives on its own time. */
const POLL_MS = 1500;
const POLL_FOR_MS = 30_000;

export function OrderDetail({ id }: { id: string }) {
  const { t } = useI18n();
  useTitle('orders.detailTitle', true);
  const actor = useActor();
  if (actor === undefined) return <Loading />;
  if (actor === null) {
    return (
      <>
        <h1>{t('orders.detailTitle')}</h1>
        <p class="note">
          {t('error.unauthenticated')} <a href={`/sign-in?next=${encodeURIComponent(`/orders/${id}`)}`}>{t('nav.signIn')}</a>
        </p>
      </>
    );
  }
  return <OrderLoader id={id} />;
}

function OrderLoader({ id }: { id: string }) {
  const order = useAsync((signal) => api.order(id, signal), [id]);
  const [pollUntil, setPollUntil] = useState(() => Date.now() + POLL_FOR_MS);
  const [, setTick] = useState(0);
  const pending = order.data?.status === 'pending_payment';

  useEffect(() => {
    if (!pending) return;
    if (Date.now() >= pollUntil) return;
    const ctl = new AbortController();
    const timer = setTimeout(() => {
      api.order(id, ctl.signal).then(
        (o) => (o.version === order.data?.version ? setTick((n) => n + 1) : order.setData(o)),
        () => setTick((n) => n + 1), // a failed poll just tries again on the next round
      );
    }, POLL_MS);
    return () => {
      clearTimeout(timer);
      ctl.abort();
    };
  });

  if (order.error instanceof ApiError && order.error.status === 404) return <NotFound />;
  if (order.error && !order.data) return <ErrorNote error={order.error} onRetry={order.reload} />;
  if (!order.data) return <Loading />;
  const polling = pending && Date.now() < pollUntil;
  return (
    <OrderView
      o={order.data}
      polling={polling}
      onCheckAgain={() => setPollUntil(Date.now() + POLL_FOR_MS)}
      onChanged={order.setData}
    />
  );
}

function OrderView({
  o,
  polling,
  onCheckAgain,
  onChanged,
}: {
  o: Order;
  polling: boolean;
  onCheckAgain(): void;
  onChanged(o: Order): void;
}) {
  const { lang, t } = useI18n();
  const [confirmDialog, ask] = useConfirm();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const reason = closedReasonKey(o.closedReason);
  const pending = o.status === 'pending_payment';

  async function act(run: () => Promise<Order>) {
    setBusy(true);
    setError(undefined);
    try {
      onChanged(await run());
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  async function cancel() {
    const ok = await ask({
      title: t(o.kind === 'group_buy' ? 'orders.leaveConfirm' : 'orders.cancelConfirm'),
      body: <p>{t(o.status === 'pending_payment' ? 'orders.cancelUnpaid' : 'orders.cancelRefund', { total: formatFen(o.totalFen) })}</p>,
      confirmLabel: t(o.kind === 'group_buy' ? 'orders.leave' : 'orders.cancel'),
      danger: true,
    });
    if (ok) await act(() => api.cancelOrder(o.orderId));
  }

  return (
    <article class="order">
      <h1>{t('orders.detailTitle')}</h1>
      <p class="meta">
        {t('orders.number')} <code>{o.orderId}</code> · <time dateTime={o.createdAt}>{formatDateTime(o.createdAt, lang)}</time>
      </p>

      <section class="panel order-status" aria-labelledby="order-status-h">
        <h2 id="order-status-h" class="visually-hidden">
          {t('orders.status')}
        </h2>
        <p role="status" class="order-status-line">
          {t('orders.status')}: <OrderStatusTag status={o.status} />
          {reason && <span class="meta"> · {t(reason)}</span>}
          {polling && <span class="meta"> · {t('orders.checkingPayment')}</span>}
        </p>
        {o.status === 'authorized' && <p class="hint">{t('orders.authorizedHint')}</p>}
        {pending && (
          <>
            <p>
              <Countdown to={o.payBy} label={t('orders.payWithin')} endedText={t('orders.payExpired')} />
            </p>
            <PayNow orderId={o.orderId} onStale={onCheckAgain} />
            {!polling && (
              <p>
                <button type="button" class="btn btn-small" onClick={onCheckAgain}>
                  {t('orders.checkAgain')}
                </button>
              </p>
            )}
          </>
        )}
        {error !== undefined && (
          <p class="note note-error" role="alert">
            {errorText(error, t)}
          </p>
        )}
        {(canCancel(o) || canConfirmReceipt(o)) && (
          <div class="actions">
            {canConfirmReceipt(o) && (
              <button
                type="button"
                class="btn btn-primary"
                aria-disabled={busy}
                onClick={() => !busy && void act(() => api.fulfilOrder(o.orderId, 'completed'))}
              >
                {t('orders.received')}
              </button>
            )}
            {canCancel(o) && (
              <button type="button" class="btn btn-danger" aria-disabled={busy} onClick={() => !busy && void cancel()}>
                {t(o.kind === 'group_buy' ? 'orders.leave' : 'orders.cancel')}
              </button>
            )}
          </div>
        )}
      </section>

      <OrderFacts o={o} />
      {confirmDialog}
      <p>
        <a href="/orders">{t('orders.backToList')}</a>
      </p>
    </article>
  );
}
