import { formatBps } from '../../format';
import { useI18n } from '../../i18n';
import { barPercent } from './figures';

/**
 * Progress to a target: the amount reached of the target, a bar and the percentage in words. The bar is a
 * native <progress> named by its label; past 100 % it is full and the text says by how much.
 */
export function TargetProgress(props: { id: string; label: string; reached: string; target: string | null; bps: number | null; note?: string }) {
  const { lang, t } = useI18n();
  const { id, label, reached, target, bps } = props;
  return (
    <div class="target" data-target={id}>
      <p class="target-head">
        <span id={`${id}-label`} class="target-label">
          {label}
        </span>
        <span class="target-figures">
          {target === null ? reached : t('impact.rep.ofTarget', { reached, target })}
        </span>
      </p>
      {bps === null ? (
        <p class="meta">{t('impact.rep.noTarget')}</p>
      ) : (
        <div class="progress">
          <progress id={id} max={100} value={barPercent(bps)} aria-labelledby={`${id}-label`} aria-valuetext={formatBps(bps, lang)} />
          <span class="target-pct">{t('impact.rep.pctDone', { pct: formatBps(bps, lang) })}</span>
        </div>
      )}
      {props.note && <p class="meta">{props.note}</p>}
    </div>
  );
}
