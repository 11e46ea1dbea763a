import { buybackApi, type GuaranteeDetail } from '../../api/buyback';
import { useConfirm } from '../../components/ConfirmDialog';
import { formatCount, formatDateTime, formatFen } from '../../format';
import { useI18n } from '../../i18n';
import type { Side } from './guarantee';
import { ActionError, unitLabel, useAction } from './parts';

/**
 * After the close: the breach, if the village offered its commitment but less was accepted — the unmet quantity
 * and its compensation, max(0, floor − market reference) per unit — which organizers mark settled.
 */
export function BreachPanel({ g, side, onChanged }: { g: GuaranteeDetail; side: Side; onChanged(message: string, next?: GuaranteeDetail): void }) {
  const { lang, t } = useI18n();
  const action = useAction();
  const [confirmDialog, ask] = useConfirm();
  if (g.status !== 'closed') return null;
  const b = g.breach;
  if (!b) {
    return (
      <section class="panel" aria-labelledby="bb-breach">
        <h2 id="bb-breach">{t('bb.breach.title')}</h2>
        <p>{t('bb.breach.none', { time: g.closedAt ? formatDateTime(g.closedAt, lang) : formatDateTime(g.closesAt, lang) })}</p>
      </section>
    );
  }
  const unit = unitLabel(g, t);

  async function settle() {
    const ok = await ask({
      title: t('bb.breach.settleConfirm'),
      body: <p>{t('bb.breach.settleBody', { amount: formatFen(b?.compensationFen ?? 0), organization: g.organizationName, village: g.villageName })}</p>,
      confirmLabel: t('bb.breach.settle'),
    });
    if (!ok) return;
    let next: GuaranteeDetail | undefined;
    if (await action.run(async () => (next = await buybackApi.settleBreach(g.guaranteeId)))) onChanged(t('bb.breach.settled'), next);
  }

  return (
    <section class={b.status === 'open' ? 'panel panel-alert' : 'panel'} aria-labelledby="bb-breach">
      <h2 id="bb-breach">{t('bb.breach.title')}</h2>
      <p>
        <span class={b.status === 'open' ? 'tag tag-warn' : 'tag tag-season'}>{t(b.status === 'open' ? 'bb.breach.open' : 'bb.breach.settledTag')}</span>
      </p>
      <dl class="facts">
        <dt>{t('bb.breach.unmet')}</dt>
        <dd>
          {formatCount(b.unmetQuantity, lang)} {unit}
        </dd>
        <dt>{t('bb.breach.perUnit')}</dt>
        <dd>
          {t('bb.breach.perUnitRule', { floor: formatFen(b.floorPriceFen), market: formatFen(b.reference.priceFen) })} = {formatFen(b.compensationPerUnitFen)}
        </dd>
        <dt>{t('bb.price.reference')}</dt>
        <dd>{t(b.reference.source === 'entered' ? 'bb.price.entered' : 'bb.price.listPrice', { week: b.reference.isoWeek })}</dd>
        <dt>{t('bb.breach.compensation')}</dt>
        <dd>
          <strong>{formatFen(b.compensationFen)}</strong>
        </dd>
        {b.settledAt && (
          <>
            <dt>{t('bb.breach.settledAt')}</dt>
            <dd>
              {formatDateTime(b.settledAt, lang)}
              {b.settledBy && <> · {b.settledBy.displayName}</>}
            </dd>
          </>
        )}
      </dl>
      {side === 'organizer' && b.status === 'open' && (
        <p>
          <button type="button" class="btn btn-primary" aria-disabled={action.busy} onClick={() => void settle()}>
            {t('bb.breach.settle')}
          </button>
        </p>
      )}
      <ActionError error={action.error} />
      {confirmDialog}
    </section>
  );
}
