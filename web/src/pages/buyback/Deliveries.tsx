import { useState } from 'preact/hooks';
import { buybackApi, type Delivery, type GuaranteeDetail } from '../../api/buyback';
import { useConfirm } from '../../components/ConfirmDialog';
import { Field } from '../../components/Field';
import { formatCount, formatDateTime, formatFen } from '../../format';
import { useI18n } from '../../i18n';
import { formatDay, todayInShanghai } from '../sales/calendar';
import { DeliveryForm } from './DeliveryForm';
import { deliveryDays, deliveryStatusKey, newestFirst, type Side } from './guarantee';
import { ActionError, unitLabel, useAction } from './parts';
import { PricePreview, PriceRule } from './PriceRule';

const STATUS_TONE: Record<Delivery['status'], string> = {
  recorded: 'tag tag-warn',
  accepted: 'tag tag-season',
  settling: 'tag tag-season',
  paid: 'tag tag-season',
  rejected: 'tag tag-muted',
};

interface Props {
  g: GuaranteeDetail;
  side: Side;
  /** Something changed: say it, and read the guarantee again. */
  onChanged(message: string): void;
}

/** The deliveries of a guarantee: the cooperative records them, the organisation accepts (priced) or rejects each. */
export function Deliveries({ g, side, onChanged }: Props) {
  const { lang, t } = useI18n();
  const [recording, setRecording] = useState(false);
  const open = g.status === 'active' && Date.now() < Date.parse(g.closesAt);
  const days = deliveryDays(g.terms.window, todayInShanghai());
  const deliveries = newestFirst(g.deliveries);
  return (
    <section aria-labelledby="bb-deliveries">
      <h2 id="bb-deliveries">{t('bb.deliveries', { n: deliveries.length })}</h2>
      {side === 'village' && open && (
        <div class="panel">
          <h3 class="disclosure-heading">
            <button
              type="button"
              id="delivery-toggle"
              class="disclosure"
              aria-expanded={recording}
              aria-controls="delivery-form"
              onClick={() => setRecording(!recording)}
            >
              <span aria-hidden="true" class="disclosure-icon">
                {recording ? '−' : '+'}
              </span>
              {t('bb.delivery.new')}
            </button>
          </h3>
          {recording && (
            <div id="delivery-form">
              {days ? (
                <DeliveryForm
                  g={g}
                  days={days}
                  onSaved={() => {
                    setRecording(false);
                    onChanged(t('bb.delivery.recorded'));
                    requestAnimationFrame(() => document.getElementById('delivery-toggle')?.focus());
                  }}
                />
              ) : (
                <p class="note">{t('bb.delivery.notYet', { day: formatDay(g.terms.window.start, lang) })}</p>
              )}
            </div>
          )}
        </div>
      )}
      {deliveries.length === 0 ? (
        <p class="empty">{t('bb.delivery.none')}</p>
      ) : (
        <ul class="delivery-list">
          {deliveries.map((d) => (
            <DeliveryItem key={d.deliveryId} d={d} g={g} side={side} open={open} onChanged={onChanged} />
          ))}
        </ul>
      )}
    </section>
  );
}

function DeliveryItem({ d, g, side, open, onChanged }: { d: Delivery; g: GuaranteeDetail; side: Side; open: boolean; onChanged(message: string): void }) {
  const { lang, t } = useI18n();
  const [confirmDialog, ask] = useConfirm();
  const action = useAction();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const unit = unitLabel(g, t);
  const day = formatDay(d.deliveredOn, lang);
  const what = `${formatCount(d.quantity, lang)} ${unit} · ${d.grade} · ${day}`;
  const decidable = side === 'buyer' && open && d.status === 'recorded';

  async function accept() {
    const ok = await ask({
      title: t('bb.delivery.acceptConfirm'),
      body: (
        <>
          <p>{what}</p>
          <PricePreview delivery={d} floorPriceFen={g.terms.floorPriceFen} unit={unit} />
          <p>{t('bb.delivery.acceptBody')}</p>
        </>
      ),
      confirmLabel: t('bb.delivery.accept'),
    });
    if (ok && (await action.run(() => buybackApi.acceptDelivery(g.guaranteeId, d.deliveryId)))) decided(t('bb.delivery.accepted', { what }));
  }

  /** The decision buttons are gone once decided: focus lands on the delivery, which now shows its price. */
  function decided(message: string) {
    onChanged(message);
    requestAnimationFrame(() => document.getElementById(`delivery-${d.deliveryId}`)?.focus());
  }

  async function reject(e: Event) {
    e.preventDefault();
    if (!reason.trim()) return setReasonError(t('bb.delivery.reasonRequired'));
    setReasonError(undefined);
    if (await action.run(() => buybackApi.rejectDelivery(g.guaranteeId, d.deliveryId, reason.trim()))) {
      setRejecting(false);
      decided(t('bb.delivery.rejected', { what }));
    }
  }

  return (
    <li class="card delivery">
      <div class="order-card-head">
        <h3 class="card-title" id={`delivery-${d.deliveryId}`} tabIndex={-1}>
          {d.product.productName} · {formatCount(d.quantity, lang)} {unit}
        </h3>
        <span class={STATUS_TONE[d.status]}>{t(deliveryStatusKey(d.status))}</span>
      </div>
      <p class="meta">
        {t('bb.delivery.gradeDay', { grade: d.grade, day })} · {t('bb.delivery.recordedBy', { name: d.recordedBy.displayName, time: formatDateTime(d.recordedAt, lang) })}
      </p>
      {d.note && <p class="sale-note">{d.note}</p>}
      {d.photo && (
        <a class="delivery-photo" href={d.photo.url} target="_blank" rel="noopener">
          <img src={d.photo.url} alt={t('bb.delivery.photoAlt', { what })} width={120} height={90} loading="lazy" />
        </a>
      )}
      {d.pricing ? (
        <PriceRule pricing={d.pricing} quantity={d.quantity} unit={unit} />
      ) : d.status === 'recorded' ? (
        <PricePreview delivery={d} floorPriceFen={g.terms.floorPriceFen} unit={unit} />
      ) : null}
      {d.status === 'rejected' && d.rejectionReason && <p class="note">{t('bb.delivery.rejectedBecause', { reason: d.rejectionReason })}</p>}
      {d.decidedBy && d.decidedAt && (
        <p class="meta">{t('bb.delivery.decidedBy', { name: d.decidedBy.displayName, time: formatDateTime(d.decidedAt, lang) })}</p>
      )}
      {d.paidAt && <p class="meta">{t('bb.delivery.paidAt', { time: formatDateTime(d.paidAt, lang) })}</p>}
      {decidable && (
        <>
          <div class="actions" role="group" aria-label={t('bb.delivery.decide', { what })}>
            <button type="button" class="btn btn-small btn-primary" aria-disabled={action.busy} onClick={() => void accept()}>
              {t('bb.delivery.accept')}
              <span class="visually-hidden"> · {what}</span>
            </button>
            <button
              type="button"
              class="btn btn-small btn-danger"
              aria-expanded={rejecting}
              aria-controls={`reject-${d.deliveryId}`}
              onClick={() => setRejecting(!rejecting)}
            >
              {t('bb.delivery.reject')}
              <span class="visually-hidden"> · {what}</span>
            </button>
          </div>
          {rejecting && (
            <form id={`reject-${d.deliveryId}`} class="stack reject-form" onSubmit={(e) => void reject(e)} noValidate>
              <Field id={`reason-${d.deliveryId}`} label={t('bb.delivery.reason')} hint={t('bb.delivery.reasonHint')} error={reasonError} required>
                {(c) => <input {...c} type="text" maxLength={500} autoComplete="off" value={reason} onInput={(e) => setReason(e.currentTarget.value)} />}
              </Field>
              <div class="actions">
                <button type="submit" class="btn btn-small btn-danger" aria-disabled={action.busy}>
                  {t('bb.delivery.rejectConfirm')}
                </button>
              </div>
            </form>
          )}
        </>
      )}
      {d.status === 'recorded' && side === 'village' && <p class="meta">{t('bb.delivery.awaitingBuyer', { amount: formatFen(g.terms.floorPriceFen) })}</p>}
      <ActionError error={action.error} />
      {confirmDialog}
    </li>
  );
}
