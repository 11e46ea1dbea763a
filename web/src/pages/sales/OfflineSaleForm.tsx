import { useRef, useState } from 'preact/hooks';
import { ApiError, newIdempotencyKey, type Product } from '../../api';
import { salesApi, type OfflineSaleInput, type Sale } from '../../api/sales';
import { Field } from '../../components/Field';
import { formatFen, parseYuan } from '../../format';
import { localized, unitKey, useI18n } from '../../i18n';
import { errorsFromApi, focusFirstError, parseCount, type Errors } from '../coop/formErrors';
import { isDay, occurredAtFor, todayInShanghai } from './calendar';
import { PhotoUploadField } from './PhotoUploadField';

type Key = 'product' | 'quantity' | 'amount' | 'date' | 'counterparty' | 'organization' | 'note' | 'receipt';

/** API field paths → this form's fields. */
const FIELD_MAP: Record<string, Key> = {
  productId: 'product',
  quantity: 'quantity',
  amountFen: 'amount',
  occurredAt: 'date',
  counterparty: 'counterparty',
  organizationId: 'organization',
  note: 'note',
  receiptPhotoKey: 'receipt',
};

export interface Partner {
  organizationId: string;
  name: string;
}

interface Props {
  villageId: string;
  products: Product[];
  /** The village's pairing partners, who may have bought offline (a canteen, a union's bulk order). */
  partners: Partner[];
  onSaved(sale: Sale): void;
}

/**
 * Records an offline or consignment sale (代销, supermarket, fair) with its receipt photo. One Idempotency-Key per
 * submission: a retry after a lost answer sends the very same body (its instant included) and records it once.
 */
export function OfflineSaleForm({ villageId, products, partners, onSaved }: Props) {
  const { lang, t } = useI18n();
  const today = todayInShanghai();
  const [v, setV] = useState({ productId: products.length === 1 ? (products[0]?.productId ?? '') : '', quantity: '', amount: '', date: today, counterparty: '', organizationId: '', note: '' });
  const [receipt, setReceipt] = useState<{ key: string | null; busy: boolean }>({ key: null, busy: false });
  const [errors, setErrors] = useState<Errors<Key>>({});
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const attempt = useRef<{ fingerprint: string; key: string; occurredAt: string } | null>(null);
  const product = products.find((p) => p.productId === v.productId);
  const unit = product ? t(unitKey(product.unit)) : '';

  /** Edits a field and clears its error: the mark goes once the person has acted on it. */
  const set = (k: keyof typeof v, err: Key) => (e: Event) => {
    setV({ ...v, [k]: (e.currentTarget as HTMLInputElement).value });
    if (errors[err]) setErrors({ ...errors, [err]: undefined });
  };

  function check(): { input?: Omit<OfflineSaleInput, 'occurredAt'>; errors: Errors<Key> } {
    const e: Errors<Key> = {};
    const quantity = parseCount(v.quantity);
    const amountFen = parseYuan(v.amount);
    if (!product) e.product = t('form.requiredField');
    if (quantity === null || quantity < 1) e.quantity = t('form.countInvalid');
    if (amountFen === null || amountFen < 1) e.amount = t('form.priceInvalid');
    if (!isDay(v.date)) e.date = t('sales.dateInvalid');
    else if (v.date > today) e.date = t('sales.dateFuture');
    if (!v.counterparty.trim()) e.counterparty = t('form.requiredField');
    if (receipt.busy) e.receipt = t('upload.wait');
    else if (!receipt.key) e.receipt = t('sales.receiptRequired');
    if (Object.keys(e).length > 0 || !product || quantity === null || amountFen === null || !receipt.key) return { errors: e };
    return {
      errors: e,
      input: {
        productId: product.productId,
        quantity,
        amountFen,
        counterparty: v.counterparty.trim(),
        receiptPhotoKey: receipt.key,
        ...(v.organizationId ? { organizationId: v.organizationId } : {}),
        ...(v.note.trim() ? { note: v.note.trim() } : {}),
      },
    };
  }

  async function submit(ev: Event) {
    ev.preventDefault();
    if (saving) return;
    const { input, errors: found } = check();
    if (!input) {
      setErrors({ ...found, form: t('form.fixErrors') });
      requestAnimationFrame(() => focusFirstError(formRef.current));
      return;
    }
    const fingerprint = JSON.stringify([input, v.date]);
    if (attempt.current?.fingerprint !== fingerprint) {
      attempt.current = { fingerprint, key: newIdempotencyKey(), occurredAt: occurredAtFor(v.date) };
    }
    setSaving(true);
    setErrors({});
    const send = (a: { key: string; occurredAt: string }) => salesApi.recordOfflineSale(villageId, { ...input, occurredAt: a.occurredAt }, a.key);
    try {
      let sale: Sale;
      try {
        sale = await send(attempt.current);
      } catch (err) {
        // A phone clock ahead of the server's makes a sale entered "now" look future-dated: if the server's own
        // time is still on the chosen day, date the sale then, and send it once more (a new body, a new key).
        if (!(err instanceof ApiError && err.status === 400 && err.field === 'occurredAt' && v.date === today)) throw err;
        const { time } = await salesApi.serverTime();
        if (todayInShanghai(new Date(time)) !== v.date) throw err;
        attempt.current = { fingerprint, key: newIdempotencyKey(), occurredAt: time };
        sale = await send(attempt.current);
      }
      attempt.current = null;
      onSaved(sale);
    } catch (err) {
      const found = errorsFromApi(err, FIELD_MAP, t);
      setErrors(found.form ? found : { ...found, form: t('form.fixErrors') });
      requestAnimationFrame(() => focusFirstError(formRef.current));
    } finally {
      setSaving(false);
    }
  }

  const amountFen = parseYuan(v.amount);
  const quantity = parseCount(v.quantity);
  return (
    <form ref={formRef} class="stack" onSubmit={(e) => void submit(e)} noValidate>
      {errors.form && (
        <p class="note note-error" role="alert" tabIndex={-1}>
          {errors.form}
        </p>
      )}
      <div class="form-grid">
        <Field id="sale-product" label={t('sales.product')} error={errors.product} required>
          {(c) => (
            <select {...c} value={v.productId} onChange={set('productId', 'product')}>
              <option value="">{t('leader.chooseProduct')}</option>
              {products.map((p) => (
                <option key={p.productId} value={p.productId}>
                  {localized(lang, p.name, p.nameEn)}
                  {p.status === 'withdrawn' ? ` (${t('products.withdrawn')})` : ''}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="sale-date" label={t('sales.date')} hint={t('sales.dateHint')} error={errors.date} required>
          {(c) => <input {...c} type="date" max={today} value={v.date} onInput={set('date', 'date')} />}
        </Field>
        <Field id="sale-quantity" label={unit ? t('cart.quantity', { unit }) : t('orders.quantity')} error={errors.quantity} required>
          {(c) => <input {...c} type="text" inputMode="numeric" autoComplete="off" value={v.quantity} onInput={set('quantity', 'quantity')} />}
        </Field>
        <Field
          id="sale-amount"
          label={t('sales.amount')}
          hint={
            amountFen && quantity && product
              ? t('sales.amountPerUnit', { price: formatFen(Math.round(amountFen / quantity)), unit })
              : t('sales.amountHint')
          }
          error={errors.amount}
          required
        >
          {(c) => <input {...c} type="text" inputMode="decimal" autoComplete="off" value={v.amount} onInput={set('amount', 'amount')} />}
        </Field>
        <Field id="sale-counterparty" label={t('sales.counterparty')} hint={t('sales.counterpartyHint')} error={errors.counterparty} required>
          {(c) => <input {...c} type="text" maxLength={80} autoComplete="off" value={v.counterparty} onInput={set('counterparty', 'counterparty')} />}
        </Field>
        {partners.length > 0 && (
          <Field id="sale-organization" label={t('sales.partner')} hint={t('sales.partnerHint')} error={errors.organization}>
            {(c) => (
              <select {...c} value={v.organizationId} onChange={set('organizationId', 'organization')}>
                <option value="">{t('sales.noPartner')}</option>
                {partners.map((p) => (
                  <option key={p.organizationId} value={p.organizationId}>
                    {p.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
      </div>
      <Field id="sale-note" label={t('sales.note')} error={errors.note}>
        {(c) => <textarea {...c} rows={2} maxLength={500} value={v.note} onInput={set('note', 'note')} />}
      </Field>
      <PhotoUploadField
        id="sale-receipt"
        label={t('sales.receipt')}
        hint={t('sales.receiptHint')}
        required
        error={errors.receipt}
        presign={async (contentType) => {
          const slot = await salesApi.requestReceiptUpload(villageId, contentType);
          return { ...slot, key: slot.receiptPhotoKey };
        }}
        onChange={(key, busy) => {
          setReceipt({ key, busy });
          if (key && errors.receipt) setErrors({ ...errors, receipt: undefined });
        }}
      />
      <div class="actions">
        <button type="submit" class="btn btn-primary" aria-disabled={saving}>
          {saving ? t('common.saving') : t('sales.record')}
        </button>
      </div>
    </form>
  );
}
