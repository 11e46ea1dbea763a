import { formatBps } from '../../format';
import { useI18n } from '../../i18n';
import { barPercent } from './figures';

/** A compact progress bar for a table cell, with its percentage as text (the bar itself is decoration). */
export function MiniBar({ bps }: { bps: number | null }) {
  const { lang } = useI18n();
  if (bps === null) return <span class="meta">—</span>;
  return (
    <span class="mini-bar">
      <span class="mini-bar-track" aria-hidden="true">
        <span class={bps >= 10_000 ? 'mini-bar-fill is-met' : 'mini-bar-fill'} style={{ width: `${barPercent(bps)}%` }} />
      </span>
      <span class="mini-bar-text">{formatBps(bps, lang)}</span>
    </span>
  );
}
