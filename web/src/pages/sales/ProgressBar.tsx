/**
 * A horizontal bar for a share of a whole (basis points, 10,000 = full). Decorative: the figure it draws must be
 * said in text beside it, so it is hidden from screen readers. Over 100 % fills the bar and marks it.
 */
export function ProgressBar({ bps, tone = 'ok' }: { bps: number | null; tone?: 'ok' | 'warn' | 'muted' }) {
  const pct = bps === null ? 0 : Math.max(0, Math.min(100, bps / 100));
  return (
    <div class={`meter meter-${tone}${bps !== null && bps > 10_000 ? ' meter-over' : ''}`} aria-hidden="true">
      <span class="meter-fill" style={{ width: `${pct}%` }} />
    </div>
  );
}
