import { useRef, useState } from 'preact/hooks';
import { api, newIdempotencyKey, type Product } from '../../api';
import { Field } from '../../components/Field';
import { formatCount } from '../../format';
import { unitKey, useI18n } from '../../i18n';
import { errorsFromApi, focusFirstError, parseCount, type Errors } from './formErrors';

type Key = 'quantity' | 'reason';
const FIELD_MAP: Record<string, Key> = { delta: 'quantity', reason: 'reason', stock: 'quantity' };

/** Restock (+) or write off (−) with a reason; stock never changes by overwrite. */
export function StockForm({ product: p, onSaved }: { product: Product; onSaved(p: Product): void }) {
  const { lang, t } = useI18n();
  const [direction, setDirection] = useState<'add' | 'remove'>('add');
  const [quantity, setQuantity] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Errors<Key>>({});
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const attempt = useRef<{ body: string; key: string } | null>(null);
  const unit = t(unitKey(p.unit));
  const prefix = `stock-${p.productId}`;

  async function submit(ev: Event) {
    ev.preventDefault();
    if (saving) return;
    const q = parseCount(quantity);
    const e: Errors<Key> = {};
    if (q === null || q < 1) e.quantity = t('form.countInvalid');
    else if (direction === 'remove' && q > p.stock) e.quantity = t('stock.current', { n: formatCount(p.stock, lang), unit });
    if (!reason.trim()) e.reason = t('form.requiredField');
    if (q === null || Object.keys(e).length > 0) {
      setErrors({ ...e, form: t('form.fixErrors') });
      requestAnimationFrame(() => focusFirstError(formRef.current));
      return;
    }
    const input = { delta: direction === 'add' ? q : -q, reason: reason.trim() };
    const body = JSON.stringify(input);
    if (attempt.current?.body !== body) attempt.current = { body, key: newIdempotencyKey() };
    setSaving(true);
    setErrors({});
    try {
      const updated = await api.adjustStock(p.productId, input, attempt.current.key);
      attempt.current = null;
      onSaved(updated);
    } catch (err) {
      setErrors(errorsFromApi(err, FIELD_MAP, t));
      requestAnimationFrame(() => focusFirstError(formRef.current));
    } finally {
      setSaving(false);
    }
  }

  return (
    <form ref={formRef} class="stack" onSubmit={(e) => void submit(e)} noValidate>
      <p>{t('stock.current', { n: formatCount(p.stock, lang), unit })}</p>
      {errors.form && (
        <p class="note note-error" role="alert" tabIndex={-1}>
          {errors.form}
        </p>
      )}
      <fieldset class="fieldset">
        <legend>{t('stock.direction')}</legend>
        {(['add', 'remove'] as const).map((d) => (
          <div class="field field-check" key={d}>
            <input
              type="radio"
              id={`${prefix}-${d}`}
              name={`${prefix}-direction`}
              value={d}
              checked={direction === d}
              onChange={() => setDirection(d)}
            />
            <label for={`${prefix}-${d}`}>{t(d === 'add' ? 'stock.add' : 'stock.remove')}</label>
          </div>
        ))}
      </fieldset>
      <div class="form-grid">
        <Field id={`${prefix}-quantity`} label={t('stock.quantity', { unit })} error={errors.quantity} required>
          {(c) => (
            <input
              {...c}
              type="text"
              inputMode="numeric"
              autoComplete="off"
              value={quantity}
              onInput={(e) => setQuantity(e.currentTarget.value)}
            />
          )}
        </Field>
        <Field id={`${prefix}-reason`} label={t('stock.reason')} hint={t('stock.reasonHint')} error={errors.reason} required>
          {(c) => (
            <input {...c} type="text" maxLength={200} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
          )}
        </Field>
      </div>
      <div class="actions">
        <button type="submit" class="btn btn-primary" aria-disabled={saving}>
          {saving ? t('common.saving') : t('stock.submit')}
        </button>
      </div>
    </form>
  );
}
