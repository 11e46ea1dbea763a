import type { GuaranteeDetail } from '../../api/buyback';
import { formatBps, formatCount, formatFen } from '../../format';
import { useI18n, type MessageKey } from '../../i18n';
import { ProgressBar } from '../sales/ProgressBar';
import { quantityScale } from './guarantee';
import { unitLabel } from './parts';

/** Where a guarantee stands, for both sides: committed against offered, accepted and paid, on one scale. */
export function Summary({ g }: { g: GuaranteeDetail }) {
  const { lang, t } = useI18n();
  const s = g.summary;
  const unit = unitLabel(g, t);
  const scale = quantityScale(s);
  const rows: [MessageKey, number, string | null, 'ok' | 'warn' | 'muted'][] = [
    ['bb.committed', s.committedQuantity, t('bb.valueAtFloor', { amount: formatFen(s.committedValueFen) }), 'muted'],
    ['bb.offered', s.offeredQuantity, s.rejectedQuantity || s.undecidedQuantity ? t('bb.offeredDetail', { rejected: formatCount(s.rejectedQuantity, lang), undecided: formatCount(s.undecidedQuantity, lang) }) : null, 'warn'],
    ['bb.accepted', s.acceptedQuantity, formatFen(s.acceptedFen), 'ok'],
    ['bb.paid', s.paidQuantity, formatFen(s.paidFen), 'ok'],
  ];
  return (
    <section class="panel" aria-labelledby="bb-summary">
      <h2 id="bb-summary">{t('bb.summary')}</h2>
      <dl class="bb-figures">
        {rows.map(([label, n, extra, tone]) => (
          <div key={label} class="bb-figure">
            <dt>{t(label)}</dt>
            <dd>
              <ProgressBar bps={scale(n)} tone={tone} />
              <span class="bb-figure-text">
                <strong>
                  {formatCount(n, lang)} {unit}
                </strong>
                {extra && <> · {extra}</>}
              </span>
            </dd>
          </div>
        ))}
      </dl>
      <dl class="stats">
        <div class="stat">
          <dt>{t('bb.utilisation')}</dt>
          <dd>{formatBps(s.utilisationBps, lang)}</dd>
        </div>
        <div class="stat">
          <dt>{t('bb.owed')}</dt>
          <dd>{formatFen(s.owedFen)}</dd>
        </div>
        <div class="stat">
          <dt>{t('bb.maximum')}</dt>
          <dd>{s.maximumQuantity === null ? t('bb.noMaximum') : `${formatCount(s.maximumQuantity, lang)} ${unit}`}</dd>
        </div>
      </dl>
    </section>
  );
}
