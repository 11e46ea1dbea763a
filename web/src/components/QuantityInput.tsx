import { useI18n } from '../i18n';

/**
 * A whole-number quantity with − and + buttons (44 px targets) around a numeric text field, so it works by
 * touch, keyboard (arrow keys step) and typing alike.
 */
export function QuantityInput({
  id,
  value,
  max,
  onChange,
  label,
  describedBy,
  invalid,
}: {
  id: string;
  value: string;
  max: number;
  onChange(value: string): void;
  /** The accessible name of the buttons' product ("土鸡"), so "+" reads "more 土鸡". */
  label: string;
  describedBy?: string | undefined;
  invalid?: boolean;
}) {
  const { t } = useI18n();
  const n = /^\d+$/.test(value) ? Number(value) : 0;
  const step = (d: number) => onChange(String(Math.max(1, Math.min(max, (n || 0) + d))));
  return (
    <span class="qty">
      <button type="button" class="btn qty-btn" aria-label={t('qty.less', { name: label })} disabled={n <= 1} onClick={() => step(-1)}>
        −
      </button>
      <input
        id={id}
        type="text"
        inputMode="numeric"
        pattern="[0-9]*"
        autoComplete="off"
        class="qty-input"
        value={value}
        aria-describedby={describedBy}
        aria-invalid={invalid || undefined}
        onInput={(e) => onChange(e.currentTarget.value.replace(/[^\d]/g, ''))}
        onKeyDown={(e) => {
          if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
          e.preventDefault();
          step(e.key === 'ArrowUp' ? 1 : -1);
        }}
      />
      <button type="button" class="btn qty-btn" aria-label={t('qty.more', { name: label })} disabled={n >= max} onClick={() => step(1)}>
        +
      </button>
    </span>
  );
}
