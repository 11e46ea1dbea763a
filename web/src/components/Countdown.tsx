import { useNow } from '../clock';
import { formatDateTime } from '../format';
import { useI18n } from '../i18n';
import { formatDuration, timeLeft } from '../time';

/**
 * Time left until `to`, ticking each second. The ticking digits are hidden from screen readers (a per-second
 * change would drown them); they hear the deadline itself instead.
 */
export function Countdown({ to, label, endedText }: { to: string; label: string; endedText?: string }) {
  const { lang, t } = useI18n();
  const now = useNow();
  if (Date.parse(to) <= now) return <span class="countdown countdown-ended">{endedText ?? t('time.ended')}</span>;
  const left = formatDuration(timeLeft(to, now), (n) => t('time.days', { n }));
  return (
    <span class="countdown">
      <span aria-hidden="true">
        {label} <span class="countdown-value">{left}</span>
      </span>
      <span class="visually-hidden">{t('time.endsAt', { time: formatDateTime(to, lang) })}</span>
    </span>
  );
}
