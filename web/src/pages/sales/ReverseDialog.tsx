import { useEffect, useRef, useState } from 'preact/hooks';
import { newIdempotencyKey } from '../../api';
import { salesApi, type Sale } from '../../api/sales';
import { Field } from '../../components/Field';
import { formatDateTime, formatFen } from '../../format';
import { useI18n } from '../../i18n';
import { errorsFromApi, type Errors } from '../coop/formErrors';
import { SaleSummary } from './SaleSummary';

/**
 * Confirms the reversal of an offline sale, with the reason the ledger keeps: a modal `<dialog>` (focus stays in it,
 * Esc goes back), which on success hands the reversing record to `onDone`. Focus returns to where it was.
 */
export function ReverseDialog({ sale, onClose }: { sale: Sale; onClose(reversal: Sale | null): void }) {
  const { lang, t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Errors<'reason'>>({});
  const [busy, setBusy] = useState(false);
  const attempt = useRef<{ reason: string; key: string } | null>(null);

  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => opener?.focus?.();
  }, []);

  async function submit(e: Event) {
    e.preventDefault();
    if (busy) return;
    const why = reason.trim();
    if (!why) return setErrors({ reason: t('sales.reasonRequired') });
    if (attempt.current?.reason !== why) attempt.current = { reason: why, key: newIdempotencyKey() };
    setBusy(true);
    setErrors({});
    try {
      onClose(await salesApi.reverseSale(sale.source, why, attempt.current.key));
    } catch (err) {
      setErrors(errorsFromApi(err, { reason: 'reason' }, t));
      setBusy(false);
    }
  }

  return (
    <dialog
      ref={ref}
      class="dialog"
      aria-labelledby="reverse-title"
      aria-describedby="reverse-body"
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onClose(null);
      }}
    >
      <h2 id="reverse-title">{t('sales.reverseTitle')}</h2>
      <div id="reverse-body">
        <SaleSummary sale={sale} />
        <p class="meta">
          <time dateTime={sale.occurredAt}>{formatDateTime(sale.occurredAt, lang)}</time>
        </p>
        <p>{t('sales.reverseExplain', { amount: formatFen(-sale.amountFen) })}</p>
      </div>
      <form class="stack" onSubmit={(e) => void submit(e)} noValidate>
        {errors.form && (
          <p class="note note-error" role="alert">
            {errors.form}
          </p>
        )}
        <Field id="reverse-reason" label={t('sales.reverseReason')} hint={t('sales.reverseReasonHint')} error={errors.reason} required>
          {(c) => (
            <input {...c} type="text" maxLength={200} autoFocus autoComplete="off" value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
          )}
        </Field>
        <div class="actions dialog-actions">
          <button type="button" class="btn" disabled={busy} onClick={() => onClose(null)}>
            {t('common.back')}
          </button>
          <button type="submit" class="btn btn-danger" aria-disabled={busy}>
            {busy ? t('common.saving') : t('sales.reverseConfirm')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
