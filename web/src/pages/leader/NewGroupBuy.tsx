import { useRef, useState } from 'preact/hooks';
import { api, newIdempotencyKey, type GroupBuyInput, type Product } from '../../api';
import { Countdown } from '../../components/Countdown';
import { Field } from '../../components/Field';
import { ErrorNote, Loading } from '../../components/Status';
import { fenToDecimal, formatCount, formatDateTime, formatFen, parseYuan, TIME_ZONE } from '../../format';
import { useAsync, useTitle } from '../../hooks';
import { localized, unitKey, useI18n } from '../../i18n';
import { navigate, useLocation } from '../../router';
import { shanghaiLocalToIso, toShanghaiLocal } from '../../time';
import { useAllVillages } from '../../villages';
import { errorsFromApi, focusFirstError, parseCount, type Errors } from '../coop/formErrors';
import { LeaderOnly } from './LeaderOnly';

type Key = 'product' | 'title' | 'price' | 'min' | 'max' | 'deadline' | 'pickupName' | 'pickupAddress' | 'pickupTime';

const FIELD_MAP: Record<string, Key> = {
  productId: 'product',
  title: 'title',
  unitPriceFen: 'price',
  minQuantity: 'min',
  maxQuantity: 'max',
  deadline: 'deadline',
  'pickupPoint.name': 'pickupName',
  'pickupPoint.address': 'pickupAddress',
  'pickupPoint.pickupTime': 'pickupTime',
};

const DAY = 24 * 60 * 60 * 1000;

/** Every active product with stock, for the leader to choose from (the programme has dozens, not thousands). */
async function productsOnSale(signal: AbortSignal): Promise<Product[]> {
  const out: Product[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 10; i++) {
    const page = await api.products({ status: 'active', limit: 100, cursor }, signal);
    out.push(...page.items.filter((p) => p.stock > 0));
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return out;
}

export function NewGroupBuy() {
  useTitle('leader.openTitle', true);
  return <LeaderOnly title="leader.openTitle">{() => <Loader />}</LeaderOnly>;
}

function Loader() {
  const products = useAsync(productsOnSale, []);
  if (products.error) return <ErrorNote error={products.error} onRetry={products.reload} />;
  if (!products.data) return <Loading />;
  return <GroupBuyForm products={products.data} />;
}

/** Three days from now at 20:00 Beijing time: a sensible first deadline. */
function defaultDeadline(): string {
  return `${toShanghaiLocal(new Date(Date.now() + 3 * DAY)).slice(0, 10)}T20:00`;
}

function GroupBuyForm({ products }: { products: Product[] }) {
  const { lang, t } = useI18n();
  const villages = useAllVillages().data;
  const wanted = useLocation().query.get('productId');
  const [productId, setProductId] = useState(products.some((p) => p.productId === wanted) ? (wanted ?? '') : '');
  const product = products.find((p) => p.productId === productId);
  const [v, setV] = useState({
    title: '',
    price: product ? fenToDecimal(product.priceFen) : '',
    min: '',
    max: '',
    deadline: defaultDeadline(),
    pickupName: '',
    pickupAddress: '',
    pickupTime: '',
  });
  const [errors, setErrors] = useState<Errors<Key>>({});
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const attempt = useRef<{ body: string; key: string } | null>(null);
  /** Edits a field and clears its error: the mark goes once the person has acted on it. */
  const set = (k: keyof typeof v) => (e: Event) => {
    setV({ ...v, [k]: (e.currentTarget as HTMLInputElement).value });
    if (errors[k]) setErrors({ ...errors, [k]: undefined });
  };
  const unit = product ? t(unitKey(product.unit)) : '';
  const deadlineIso = shanghaiLocalToIso(v.deadline);
  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

  const byVillage = new Map<string, Product[]>();
  for (const p of products) byVillage.set(p.villageId, [...(byVillage.get(p.villageId) ?? []), p]);
  const villageName = (id: string) => {
    const found = villages?.find((x) => x.villageId === id);
    return found ? localized(lang, found.name, found.nameEn) : id;
  };

  function choose(id: string) {
    setProductId(id);
    setErrors({ ...errors, product: undefined, price: undefined, max: undefined });
    const p = products.find((x) => x.productId === id);
    if (p) setV({ ...v, price: fenToDecimal(p.priceFen) });
  }

  function check(): { input?: GroupBuyInput; errors: Errors<Key> } {
    const e: Errors<Key> = {};
    const price = parseYuan(v.price);
    const min = parseCount(v.min);
    const max = parseCount(v.max);
    if (!product) e.product = t('form.requiredField');
    if (price === null || price < 1) e.price = t('form.priceInvalid');
    else if (product && price > product.priceFen) e.price = t('leader.priceAboveList', { price: formatFen(product.priceFen) });
    if (min === null || min < 1) e.min = t('form.countInvalid');
    if (max === null || max < 1) e.max = t('form.countInvalid');
    else if (min !== null && max < min) e.max = t('leader.maxBelowMin');
    else if (product && max > product.stock) e.max = t('leader.maxAboveStock', { n: formatCount(product.stock, lang), unit });
    if (!deadlineIso) e.deadline = t('leader.deadlineInvalid');
    else {
      const at = Date.parse(deadlineIso);
      if (at <= Date.now() + 60_000) e.deadline = t('leader.deadlinePast');
      else if (at > Date.now() + 60 * DAY) e.deadline = t('leader.deadlineFar');
    }
    if (v.title.trim().length > 80) e.title = t('checkout.tooLong');
    for (const [k, max] of [['pickupName', 60], ['pickupAddress', 200], ['pickupTime', 60]] as const) {
      if (!v[k].trim()) e[k] = t('form.requiredField');
      else if (v[k].trim().length > max) e[k] = t('checkout.tooLong');
    }
    if (Object.keys(e).length > 0 || !product || price === null || min === null || max === null || !deadlineIso) return { errors: e };
    return {
      errors: e,
      input: {
        productId: product.productId,
        unitPriceFen: price,
        minQuantity: min,
        maxQuantity: max,
        deadline: deadlineIso,
        pickupPoint: { name: v.pickupName.trim(), address: v.pickupAddress.trim(), pickupTime: v.pickupTime.trim() },
        ...(v.title.trim() ? { title: v.title.trim() } : {}),
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
    const body = JSON.stringify(input);
    if (attempt.current?.body !== body) attempt.current = { body, key: newIdempotencyKey() };
    setSaving(true);
    setErrors({});
    try {
      const g = await api.openGroupBuy(input, attempt.current.key);
      attempt.current = null;
      navigate(`/group-buys/${encodeURIComponent(g.groupBuyId)}`);
    } catch (err) {
      setSaving(false);
      const e = errorsFromApi(err, FIELD_MAP, t);
      setErrors(e.form ? e : { ...e, form: t('form.fixErrors') });
      requestAnimationFrame(() => focusFirstError(formRef.current));
    }
  }

  const text = (k: 'title' | 'pickupName' | 'pickupAddress' | 'pickupTime', label: string, opts: { hint?: string; max: number; required?: boolean }) => (
    <Field id={`gb-${k}`} label={label} hint={opts.hint} error={errors[k]} required={opts.required}>
      {(c) => <input {...c} type="text" maxLength={opts.max} value={v[k]} onInput={set(k)} />}
    </Field>
  );

  return (
    <>
      <h1>{t('leader.openTitle')}</h1>
      <form ref={formRef} class="stack" onSubmit={(e) => void submit(e)} noValidate>
        {errors.form && (
          <p class="note note-error" role="alert" tabIndex={-1}>
            {errors.form}
          </p>
        )}
        <Field id="gb-product" label={t('gb.product')} error={errors.product} required>
          {(c) => (
            <select {...c} value={productId} onChange={(e) => choose(e.currentTarget.value)}>
              <option value="">{t('leader.chooseProduct')}</option>
              {[...byVillage.entries()].map(([vid, ps]) => (
                <optgroup key={vid} label={villageName(vid)}>
                  {ps.map((p) => (
                    <option key={p.productId} value={p.productId}>
                      {localized(lang, p.name, p.nameEn)} · {t('products.perUnit', { price: formatFen(p.priceFen), unit: t(unitKey(p.unit)) })} ·{' '}
                      {t('products.stockLabel')} {formatCount(p.stock, lang)}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          )}
        </Field>
        {text('title', t('leader.titleField'), { max: 80, hint: t('leader.titleHint') })}
        <div class="form-grid">
          <Field
            id="gb-price"
            label={t('leader.price')}
            hint={product ? t('leader.priceHint', { price: formatFen(product.priceFen), unit }) : t('form.priceHint')}
            error={errors.price}
            required
          >
            {(c) => <input {...c} type="text" inputMode="decimal" autoComplete="off" value={v.price} onInput={set('price')} />}
          </Field>
          <Field id="gb-min" label={t('leader.min', { unit })} hint={t('leader.minHint')} error={errors.min} required>
            {(c) => <input {...c} type="text" inputMode="numeric" autoComplete="off" value={v.min} onInput={set('min')} />}
          </Field>
          <Field
            id="gb-max"
            label={t('leader.max', { unit })}
            hint={product ? t('leader.maxHint', { n: formatCount(product.stock, lang), unit }) : undefined}
            error={errors.max}
            required
          >
            {(c) => <input {...c} type="text" inputMode="numeric" autoComplete="off" value={v.max} onInput={set('max')} />}
          </Field>
          <Field id="gb-deadline" label={t('leader.deadline')} hint={t('leader.deadlineHint')} error={errors.deadline} required>
            {(c) => (
              <input
                {...c}
                type="datetime-local"
                min={toShanghaiLocal(new Date(Date.now() + 2 * 60_000))}
                max={toShanghaiLocal(new Date(Date.now() + 60 * DAY))}
                value={v.deadline}
                onInput={set('deadline')}
              />
            )}
          </Field>
        </div>
        <p class="note deadline-preview" aria-live="polite">
          {deadlineIso ? (
            <>
              {t('leader.deadlineResult', { time: formatDateTime(deadlineIso, lang) })}{' '}
              {Date.parse(deadlineIso) > Date.now() && <Countdown to={deadlineIso} label={t('gb.endsIn')} />}
              {browserZone !== TIME_ZONE && (
                <>
                  <br />
                  <span class="meta">
                    {t('leader.yourTime', {
                      time: new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en', { dateStyle: 'medium', timeStyle: 'short' }).format(
                        new Date(deadlineIso),
                      ),
                    })}
                  </span>
                </>
              )}
              <br />
              <code class="meta">{deadlineIso}</code>
            </>
          ) : (
            t('leader.deadlineInvalid')
          )}
        </p>
        <fieldset class="fieldset">
          <legend>{t('gb.pickupPoint')}</legend>
          <div class="form-grid">
            {text('pickupName', t('leader.pickupName'), { max: 60, required: true, hint: t('leader.pickupNameHint') })}
            {text('pickupAddress', t('leader.pickupAddress'), { max: 200, required: true })}
            {text('pickupTime', t('gb.pickupTime'), { max: 60, required: true, hint: t('leader.pickupTimeHint') })}
          </div>
        </fieldset>
        <div class="actions">
          <button type="submit" class="btn btn-primary" aria-disabled={saving}>
            {saving ? t('common.saving') : t('leader.open')}
          </button>
          <a class="btn" href="/group-buys/mine">
            {t('common.cancel')}
          </a>
        </div>
      </form>
    </>
  );
}
