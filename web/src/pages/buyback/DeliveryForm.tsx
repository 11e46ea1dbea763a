import { useRef, useState } from 'preact/hooks';
import { newIdempotencyKey } from '../../api';
import { buybackApi, type DeliveryInput, type GuaranteeDetail } from '../../api/buyback';
import { Field } from '../../components/Field';
import { ErrorNote, Loading } from '../../components/Status';
import { useAsync } from '../../hooks';
import { localized, useI18n } from '../../i18n';
import { errorsFromApi, focusFirstError, parseCount, type Errors } from '../coop/formErrors';
import { isDay } from '../sales/calendar';
import { PhotoUploadField } from '../sales/PhotoUploadField';
import { villageProducts } from '../sales/villageProducts';
import { unitLabel } from './parts';

type Key = 'product' | 'quantity' | 'grade' | 'date' | 'note' | 'photo';

const FIELD_MAP: Record<string, Key> = {
  productId: 'product',
  quantity: 'quantity',
  grade: 'grade',
  deliveredOn: 'date',
  note: 'note',
  photoKey: 'photo',
};

/**
 * The cooperative records a delivery: quantity, grade (one the terms accept), the day handed over (inside the
 * window, not after today), a note and an optional photo. For a category guarantee it names which product.
 */
export function DeliveryForm({ g, days, onSaved }: { g: GuaranteeDetail; days: { min: string; max: string }; onSaved(): void }) {
  const { lang, t } = useI18n();
  const scope = g.scope;
  const products = useAsync(
    (signal) =>
      scope.kind === 'category'
        ? villageProducts(g.villageId, signal).then((ps) => ps.filter((p) => p.category === scope.category && p.unit === scope.unit))
        : Promise.resolve([]),
    [g.guaranteeId],
  );
  const grades = g.terms.acceptedGrades;
  const [v, setV] = useState({ productId: '', quantity: '', grade: grades.length === 1 ? (grades[0] ?? '') : '', date: days.max, note: '' });
  const [photo, setPhoto] = useState<{ key: string | null; busy: boolean }>({ key: null, busy: false });
  const [errors, setErrors] = useState<Errors<Key>>({});
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const attempt = useRef<{ body: string; key: string } | null>(null);
  const unit = unitLabel(g, t);

  const set = (k: keyof typeof v, err: Key) => (e: Event) => {
    setV({ ...v, [k]: (e.currentTarget as HTMLInputElement).value });
    if (errors[err]) setErrors({ ...errors, [err]: undefined });
  };

  async function submit(e: Event) {
    e.preventDefault();
    if (saving) return;
    const found: Errors<Key> = {};
    const quantity = parseCount(v.quantity);
    if (scope.kind === 'category' && !v.productId) found.product = t('form.requiredField');
    if (quantity === null || quantity < 1) found.quantity = t('form.countInvalid');
    if (!v.grade) found.grade = t('form.requiredField');
    if (!isDay(v.date) || v.date < days.min || v.date > days.max) found.date = t('bb.delivery.dateOutside');
    if (photo.busy) found.photo = t('upload.wait');
    if (Object.keys(found).length > 0 || quantity === null) {
      setErrors({ ...found, form: t('form.fixErrors') });
      requestAnimationFrame(() => focusFirstError(formRef.current));
      return;
    }
    const input: DeliveryInput = {
      quantity,
      grade: v.grade,
      deliveredOn: v.date,
      ...(scope.kind === 'category' ? { productId: v.productId } : {}),
      ...(v.note.trim() ? { note: v.note.trim() } : {}),
      ...(photo.key ? { photoKey: photo.key } : {}),
    };
    const body = JSON.stringify(input);
    if (attempt.current?.body !== body) attempt.current = { body, key: newIdempotencyKey() };
    setSaving(true);
    setErrors({});
    try {
      await buybackApi.recordDelivery(g.guaranteeId, input, attempt.current.key);
      attempt.current = null;
      onSaved();
    } catch (err) {
      const fromApi = errorsFromApi(err, FIELD_MAP, t);
      setErrors(fromApi.form ? fromApi : { ...fromApi, form: t('form.fixErrors') });
      requestAnimationFrame(() => focusFirstError(formRef.current));
      setSaving(false);
    }
  }

  return (
    <form ref={formRef} class="stack" onSubmit={(e) => void submit(e)} noValidate>
      {errors.form && (
        <p class="note note-error" role="alert" tabIndex={-1}>
          {errors.form}
        </p>
      )}
      <div class="form-grid">
        {scope.kind === 'category' && (
          <Field id="delivery-product" label={t('sales.product')} error={errors.product} required>
            {(c) =>
              products.error ? (
                <ErrorNote error={products.error} onRetry={products.reload} />
              ) : !products.data ? (
                <Loading />
              ) : (
                <select {...c} value={v.productId} onChange={set('productId', 'product')}>
                  <option value="">{t('leader.chooseProduct')}</option>
                  {products.data.map((p) => (
                    <option key={p.productId} value={p.productId}>
                      {localized(lang, p.name, p.nameEn)}
                    </option>
                  ))}
                </select>
              )
            }
          </Field>
        )}
        <Field id="delivery-quantity" label={t('cart.quantity', { unit })} error={errors.quantity} required>
          {(c) => <input {...c} type="text" inputMode="numeric" autoComplete="off" value={v.quantity} onInput={set('quantity', 'quantity')} />}
        </Field>
        <Field id="delivery-grade" label={t('bb.delivery.grade')} error={errors.grade} required>
          {(c) => (
            <select {...c} value={v.grade} onChange={set('grade', 'grade')}>
              <option value="">{t('bb.delivery.chooseGrade')}</option>
              {grades.map((grade) => (
                <option key={grade} value={grade}>
                  {grade}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="delivery-date" label={t('bb.delivery.date')} hint={t('bb.delivery.dateHint')} error={errors.date} required>
          {(c) => <input {...c} type="date" min={days.min} max={days.max} value={v.date} onInput={set('date', 'date')} />}
        </Field>
      </div>
      <Field id="delivery-note" label={t('sales.note')} hint={t('bb.delivery.noteHint')} error={errors.note}>
        {(c) => <textarea {...c} rows={2} maxLength={500} value={v.note} onInput={set('note', 'note')} />}
      </Field>
      <PhotoUploadField
        id="delivery-photo"
        label={t('bb.delivery.photo')}
        error={errors.photo}
        presign={async (contentType) => {
          const slot = await buybackApi.requestDeliveryPhoto(g.guaranteeId, contentType);
          return { ...slot, key: slot.photoKey };
        }}
        onChange={(key, busy) => setPhoto({ key, busy })}
      />
      <div class="actions">
        <button type="submit" class="btn btn-primary" aria-disabled={saving}>
          {saving ? t('common.saving') : t('bb.delivery.record')}
        </button>
      </div>
    </form>
  );
}
