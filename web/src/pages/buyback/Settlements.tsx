import { useRef, useState } from 'preact/hooks';
import { newIdempotencyKey } from '../../api';
import { buybackApi, type GuaranteeDetail, type PaymentSession, type Settlement } from '../../api/buyback';
import { useConfirm } from '../../components/ConfirmDialog';
import { formatCount, formatDateTime, formatFen } from '../../format';
import { useI18n, type MessageKey } from '../../i18n';
import { settlementPayPage, type Side } from './guarantee';
import { ActionError, unitLabel, useAction } from './parts';

const statusOf = (s: Settlement): MessageKey =>
  s.status === 'failed' ? `bb.settlement.closed.${s.closedReason ?? 'payment_failed'}` : `bb.settlement.status.${s.status}`;

const METHOD: Record<string, MessageKey> = { card: 'bb.method.card', alipay: 'bb.method.alipay', wechat_pay: 'bb.method.wechat_pay' };

interface Props {
  g: GuaranteeDetail;
  side: Side;
  /** The page is re-reading the guarantee until a payment just made shows up. */
  checking: boolean;
  onCheckAgain(): void;
  onChanged(message: string): void;
}

/**
 * What the organisation owes and pays: accepted deliveries not yet in a settlement are paid together through the
 * payment step (the simulator's pay page locally, which comes back here); the settlements made so far, for all.
 */
export function Settlements({ g, side, checking, onCheckAgain, onChanged }: Props) {
  const { lang, t } = useI18n();
  const action = useAction();
  const [confirmDialog, ask] = useConfirm();
  const [stripe, setStripe] = useState(false);
  const attempt = useRef<string | null>(null);
  const buyer = side === 'buyer';
  const pending = g.settlements.filter((s) => s.status === 'pending_payment');
  const settlements = [...g.settlements].sort((a, b) => b.createdAt.localeCompare(a.createdAt));

  /** Off to the pay page (a full page load: the server renders it); Stripe's page is not integrated yet. */
  function goPay(payment: PaymentSession): void {
    const url = settlementPayPage(payment);
    if (url) return location.assign(url);
    if (payment.provider === 'stripe') setStripe(true);
  }

  async function pay() {
    // One key for this "pay what is owed" until it succeeds: a retry after a lost answer opens no second settlement.
    attempt.current ??= newIdempotencyKey();
    const key = attempt.current;
    let payment: PaymentSession | undefined;
    if (await action.run(async () => (payment = (await buybackApi.settle(g.guaranteeId, key)).payment))) {
      attempt.current = null;
      if (payment) goPay(payment);
    }
  }

  async function resume(s: Settlement) {
    let payment: PaymentSession | undefined;
    if (await action.run(async () => (payment = await buybackApi.settlementPayment(g.guaranteeId, s.settlementId)))) {
      if (payment) goPay(payment);
    }
  }

  async function cancel(s: Settlement) {
    const ok = await ask({
      title: t('bb.settlement.cancelConfirm'),
      body: <p>{t('bb.settlement.cancelBody', { amount: formatFen(s.amountFen) })}</p>,
      confirmLabel: t('bb.settlement.cancel'),
      danger: true,
    });
    if (ok && (await action.run(() => buybackApi.cancelSettlement(g.guaranteeId, s.settlementId)))) onChanged(t('bb.settlement.cancelled'));
  }

  if (!buyer && settlements.length === 0) return null;
  return (
    <section aria-labelledby="bb-pay">
      <h2 id="bb-pay">{t(buyer ? 'bb.settlement.titleBuyer' : 'bb.settlement.title')}</h2>
      {buyer && (
        <div class="panel panel-action">
          <dl class="stats">
            <div class="stat">
              <dt>{t('bb.settlement.payable')}</dt>
              <dd>{formatFen(g.payableFen)}</dd>
            </div>
            <div class="stat">
              <dt>{t('bb.settlement.settling')}</dt>
              <dd>{formatFen(g.settlingFen)}</dd>
            </div>
            <div class="stat">
              <dt>{t('bb.paid')}</dt>
              <dd>{formatFen(g.summary.paidFen)}</dd>
            </div>
          </dl>
          {g.payableFen > 0 ? (
            <>
              <p class="hint">{t('bb.settlement.payHint')}</p>
              <p>
                <button type="button" class="btn btn-primary" aria-disabled={action.busy} aria-busy={action.busy} onClick={() => void pay()}>
                  {t('bb.settlement.pay', { amount: formatFen(g.payableFen) })}
                </button>
              </p>
            </>
          ) : (
            pending.length === 0 && <p class="empty">{t('bb.settlement.nothingOwed')}</p>
          )}
          {stripe && <p class="note">{t('orders.stripePending')}</p>}
          <ActionError error={action.error} />
        </div>
      )}
      {pending.length > 0 && (
        <p class="status" role="status">
          {checking ? t('orders.checkingPayment') : ''}
        </p>
      )}
      {pending.length > 0 && !checking && (
        <p>
          <button type="button" class="btn btn-small" onClick={onCheckAgain}>
            {t('orders.checkAgain')}
          </button>
        </p>
      )}
      {settlements.length > 0 && (
        <ul class="settlement-list">
          {settlements.map((s) => (
            <li key={s.settlementId} class="card">
              <div class="order-card-head">
                <h3 class="card-title">
                  {formatFen(s.amountFen)} · {formatCount(s.quantity, lang)} {unitLabel(g, t)}
                </h3>
                <span class={s.status === 'paid' ? 'tag tag-season' : s.status === 'pending_payment' ? 'tag tag-warn' : 'tag tag-muted'}>{t(statusOf(s))}</span>
              </div>
              <p class="meta">
                {t('bb.settlement.deliveries', { n: s.deliveryIds.length })} · {t('bb.settlement.createdBy', { name: s.createdBy.displayName, time: formatDateTime(s.createdAt, lang) })}
              </p>
              {s.status === 'paid' && s.paidAt && (
                <p class="meta">
                  {t('bb.settlement.paidAt', { time: formatDateTime(s.paidAt, lang) })}
                  {s.paymentMethod && METHOD[s.paymentMethod] && <> · {t(METHOD[s.paymentMethod]!)}</>}
                </p>
              )}
              {s.status === 'refunded' && s.refundedAt && <p class="meta">{t('bb.settlement.refundedAt', { time: formatDateTime(s.refundedAt, lang) })}</p>}
              {s.status === 'pending_payment' && <p class="meta">{t('bb.settlement.payBy', { time: formatDateTime(s.payBy, lang) })}</p>}
              {buyer && s.status === 'pending_payment' && (
                <div class="actions">
                  <button type="button" class="btn btn-small btn-primary" aria-disabled={action.busy} onClick={() => void resume(s)}>
                    {t('orders.payNow')}
                    <span class="visually-hidden"> · {formatFen(s.amountFen)}</span>
                  </button>
                  <button type="button" class="btn btn-small btn-danger" aria-disabled={action.busy} onClick={() => void cancel(s)}>
                    {t('bb.settlement.cancel')}
                    <span class="visually-hidden"> · {formatFen(s.amountFen)}</span>
                  </button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {confirmDialog}
    </section>
  );
}
