import { useRef, useState } from 'preact/hooks';
import { api, ApiError, newIdempotencyKey } from '../../api';
import { cartTotalFen, type CartLine } from '../../cart';
import { removeFromCart } from '../../cartStore';
import { ADDRESS_MAX, checkAddress, orderInput, type AddressField, type AddressValues } from '../../checkout';
import { Field } from '../../components/Field';
import { errorText } from '../../components/Status';
import { focusFirstInvalid } from '../../focus';
import { formatFen } from '../../format';
import { useI18n, type MessageKey } from '../../i18n';
import { goPay } from '../../payment';
import { useActor } from '../../session';

const ADDRESS_FIELDS: { key: AddressField; label: MessageKey; hint?: MessageKey; auto: string; tel?: true }[] = [
  { key: 'recipient', label: 'checkout.recipient', auto: 'name' },
  { key: 'phone', label: 'checkout.phone', hint: 'checkout.phoneHint', auto: 'tel', tel: true },
  { key: 'region', label: 'checkout.region', hint: 'checkout.regionHint', auto: 'address-level2' },
  { key: 'detail', label: 'checkout.detail', hint: 'checkout.detailHint', auto: 'street-address' },
];

/** A request-validation message names its field first ("lines.0.quantity Too big…"); beside the field that is noise. */
function fieldMessage(err: ApiError): string {
  return err.field && err.message.startsWith(`${err.field} `) ? err.message.slice(err.field.length + 1) : err.message;
}

/** Pickup or delivery, then POST /api/orders and off to pay. A retried submit of the same order reuses its key. */
export function Checkout({ lines, onLineErrors }: { lines: CartLine[]; onLineErrors(e: Record<string, string>): void }) {
  const { t } = useI18n();
  const actor = useActor();
  const [type, setType] = useState<'pickup' | 'delivery'>('pickup');
  const [address, setAddress] = useState<AddressValues>({ recipient: '', phone: '', region: '', detail: '' });
  const [errors, setErrors] = useState<Partial<Record<AddressField | 'form', string>>>({});
  const [busy, setBusy] = useState(false);
  const attempt = useRef<{ body: string; key: string } | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  if (actor === undefined) return null;
  if (actor === null) {
    return (
      <p class="note">
        {t('checkout.signIn')} <a href="/sign-in?next=/cart">{t('nav.signIn')}</a>
      </p>
    );
  }
  if (actor.role !== 'buyer' && actor.role !== 'leader') return <p class="note">{t('checkout.wrongRole')}</p>;

  const problems: Record<string, string> = {
    required: t('form.requiredField'),
    phone: t('checkout.phoneInvalid'),
    tooLong: t('checkout.tooLong'),
  };

  const fail = (e: typeof errors) => {
    setErrors(e);
    requestAnimationFrame(() => focusFirstInvalid(formRef.current?.closest('main') ?? null));
  };

  async function submit(ev: Event) {
    ev.preventDefault();
    if (busy) return;
    onLineErrors({});
    if (lines.length === 0) return fail({ form: t('checkout.nothing') });
    if (type === 'delivery') {
      const found = checkAddress(address);
      if (Object.keys(found).length > 0) {
        const e: typeof errors = { form: t('form.fixErrors') };
        for (const [k, p] of Object.entries(found)) e[k as AddressField] = problems[p];
        return fail(e);
      }
    }
    const input = orderInput(lines, type === 'pickup' ? { type } : { type, address });
    const body = JSON.stringify(input);
    if (attempt.current?.body !== body) attempt.current = { body, key: newIdempotencyKey() };
    setBusy(true);
    setErrors({});
    try {
      const placed = await api.placeOrder(input, attempt.current.key);
      attempt.current = null;
      removeFromCart(input.lines.map((l) => l.productId));
      goPay(placed);
    } catch (err) {
      setBusy(false);
      fail(mapError(err, input.lines.map((l) => l.productId)));
    }
  }

  /** `lines.2.quantity` → the third submitted line; `fulfilment.address.phone` → the phone field. */
  function mapError(err: unknown, ids: string[]): typeof errors {
    if (err instanceof ApiError && err.field) {
      const line = /^lines\.(\d+)/.exec(err.field);
      const productId = line ? ids[Number(line[1])] : undefined;
      if (productId) {
        const text =
          err.code === 'sold_out' ? t('cart.notEnoughStock') : err.code === 'not_found' ? t('cart.unavailable') : fieldMessage(err);
        onLineErrors({ [productId]: text });
        return { form: t('form.fixErrors') };
      }
      const addr = /^fulfilment\.address\.(\w+)/.exec(err.field)?.[1] as AddressField | undefined;
      if (addr && addr in ADDRESS_MAX) return { [addr]: fieldMessage(err), form: t('form.fixErrors') };
    }
    return { form: errorText(err, t) };
  }

  return (
    <form ref={formRef} class="panel stack checkout" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="checkout-h">
      <h2 id="checkout-h">{t('checkout.title')}</h2>
      {errors.form && (
        <p class="note note-error" role="alert" tabIndex={-1}>
          {errors.form}
        </p>
      )}
      <fieldset class="fieldset">
        <legend>{t('checkout.how')}</legend>
        {(['pickup', 'delivery'] as const).map((k) => (
          <div class="field field-check" key={k}>
            <input type="radio" id={`ful-${k}`} name="fulfilment" value={k} checked={type === k} onChange={() => setType(k)} />
            <label for={`ful-${k}`}>{t(k === 'pickup' ? 'checkout.pickup' : 'checkout.delivery')}</label>
          </div>
        ))}
        {type === 'pickup' && <p class="hint">{t('checkout.pickupHint')}</p>}
      </fieldset>
      {type === 'delivery' && (
        <fieldset class="fieldset">
          <legend>{t('checkout.address')}</legend>
          <div class="form-grid">
            {ADDRESS_FIELDS.map((f) => (
              <Field
                key={f.key}
                id={`addr-${f.key}`}
                label={t(f.label)}
                hint={f.hint && t(f.hint)}
                error={errors[f.key]}
                required
              >
                {(c) => (
                  <input
                    {...c}
                    type="text"
                    inputMode={f.tel ? 'tel' : undefined}
                    autoComplete={f.auto}
                    maxLength={ADDRESS_MAX[f.key]}
                    value={address[f.key]}
                    onInput={(e) => setAddress({ ...address, [f.key]: e.currentTarget.value })}
                  />
                )}
              </Field>
            ))}
          </div>
        </fieldset>
      )}
      <div class="actions">
        <button type="submit" class="btn btn-primary" aria-disabled={busy || lines.length === 0}>
          {busy ? t('checkout.placing') : t('checkout.submit', { total: formatFen(cartTotalFen(lines)) })}
        </button>
      </div>
      <p class="hint">{t('checkout.payNote')}</p>
    </form>
  );
}
