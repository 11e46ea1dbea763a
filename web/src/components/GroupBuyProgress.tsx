import type { GroupBuy } from '../api';
import { formatCount } from '../format';
import { progressOf } from '../groupBuy';
import { unitKey, useI18n } from '../i18n';

/** Joined against the minimum (a marker) and the maximum (the full bar); an ARIA progressbar with the numbers in words. */
export function GroupBuyProgress({ g }: { g: GroupBuy }) {
  const { lang, t } = useI18n();
  const p = progressOf(g);
  const unit = t(unitKey(g.unit));
  const n = (x: number) => formatCount(x, lang);
  const text = t('gb.progressText', { joined: n(p.joined), paid: n(p.paid), min: n(p.min), max: n(p.max), unit });
  return (
    <div class="gb-progress">
      <div
        class={p.minReached ? 'bar bar-reached' : 'bar'}
        role="progressbar"
        aria-label={t('gb.progress')}
        aria-valuemin={0}
        aria-valuemax={p.max}
        aria-valuenow={p.joined}
        aria-valuetext={text}
      >
        <span class="bar-joined" style={{ width: `${p.joinedPct}%` }} />
        <span class="bar-paid" style={{ width: `${p.paidPct}%` }} />
        <span class="bar-min" style={{ left: `${p.minPct}%` }} />
      </div>
      <p class="gb-progress-text">
        {t('gb.progressShort', { joined: n(p.joined), min: n(p.min), max: n(p.max), unit })}
        {' · '}
        {p.minReached ? (
          <strong class="ok-text">{t('gb.minReached')}</strong>
        ) : (
          t('gb.minNeeded', { n: n(Math.max(0, p.min - p.paid)), unit })
        )}
      </p>
    </div>
  );
}
