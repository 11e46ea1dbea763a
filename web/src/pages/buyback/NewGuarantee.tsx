import { useRef, useState } from 'preact/hooks';
import type { ProductCategory, ProductUnit } from '../../../../shared/domain/product.js';
import { newIdempotencyKey } from '../../api';
import { buybackApi, type GuaranteeOffer } from '../../api/buyback';
import { Field } from '../../components/Field';
import { ErrorNote, Loading } from '../../components/Status';
import { formatFen } from '../../format';
import { useAsync, useTitle } from '../../hooks';
import { categoryKey, localized, unitKey, useI18n } from '../../i18n';
import { navigate, useLocation } from '../../router';
import { groupByCounty, useAllVillages } from '../../villages';
import { errorsFromApi, focusFirstError, type Errors } from '../coop/formErrors';
import { CATEGORIES } from '../Products';
import { todayInShanghai } from '../sales/calendar';
import { RequireRole } from '../sales/RequireRole';
import { villageProducts } from '../sales/villageProducts';
import { defaultWindow, UNITS } from './guarantee';
import { checkTerms, TERMS_FIELDS, type TermsKey, type TermsValues } from './terms';
import { TermsFields } from './TermsFields';

type Key = TermsKey | 'village' | 'product' | 'category' | 'unit';

const FIELD_MAP: Record<string, Key> = { ...TERMS_FIELDS, villageId: 'village', productId: 'product', category: 'category', unit: 'unit' };

/** A leader offers a village a buyback guarantee (/buyback/new); it binds nobody until the cooperative accepts. */
export function NewGuarantee() {
  useTitle('bb.newTitle', true);
  return <RequireRole roles={['leader']} title="bb.newTitle">{() => <OfferForm />}</RequireRole>;
}

function OfferForm() {
  const { lang, t } = useI18n();
  const villages = useAllVillages();
  const wanted = useLocation().query.get('villageId') ?? '';
  const today = todayInShanghai();
  const [villageId, setVillageId] = useState(wanted);
  const products = useAsync((signal) => (villageId ? villageProducts(villageId, signal, 'active') : Promise.resolve([])), [villageId]);
  const [kind, setKind] = useState<'product' | 'category'>('product');
  const [productId, setProductId] = useState('');
  const [category, setCategory] = useState<ProductCategory>('poultry');
  const [unit, setUnit] = useState<ProductUnit>('只');
  const [values, setValues] = useState<TermsValues>(() => ({ ...defaultWindow(today), floor: '', committed: '', maximum: '', grades: '', place: '' }));
  const [errors, setErrors] = useState<Errors<Key>>({});
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const attempt = useRef<{ body: string; key: string } | null>(null);
  const product = products.data?.find((p) => p.productId === productId);
  const unitLabel = kind === 'product' ? (product ? t(unitKey(product.unit)) : '') : t(unitKey(unit));

  const clear = (...keys: Key[]) => setErrors((old) => ({ ...old, ...Object.fromEntries(keys.map((k) => [k, undefined])) }));

  async function submit(e: Event) {
    e.preventDefault();
    if (saving) return;
    const checked = checkTerms(values, today);
    const found: Errors<Key> = Object.fromEntries(Object.entries(checked.errors).map(([k, key]) => [k, t(key)]));
    if (!villageId) found.village = t('form.requiredField');
    if (kind === 'product' && !product) found.product = t('form.requiredField');
    if (!checked.terms || Object.keys(found).length > 0) {
      setErrors({ ...found, form: t('form.fixErrors') });
      requestAnimationFrame(() => focusFirstError(formRef.current));
      return;
    }
    const offer: GuaranteeOffer = {
      villageId,
      ...(kind === 'product' ? { productId } : { category, unit }),
      ...checked.terms,
    };
    const body = JSON.stringify(offer);
    if (attempt.current?.body !== body) attempt.current = { body, key: newIdempotencyKey() };
    setSaving(true);
    setErrors({});
    try {
      const g = await buybackApi.offer(offer, attempt.current.key);
      attempt.current = null;
      navigate(`/buyback/${encodeURIComponent(g.guaranteeId)}`);
    } catch (err) {
      setSaving(false);
      const fromApi = errorsFromApi(err, FIELD_MAP, t);
      setErrors(fromApi.form ? fromApi : { ...fromApi, form: t('form.fixErrors') });
      requestAnimationFrame(() => focusFirstError(formRef.current));
    }
  }

  if (villages.error) return <ErrorNote error={villages.error} onRetry={villages.reload} />;
  if (!villages.data) return <Loading />;
  return (
    <>
      <h1>{t('bb.newTitle')}</h1>
      <p class="meta">{t('bb.newIntro')}</p>
      <form ref={formRef} class="stack" onSubmit={(e) => void submit(e)} noValidate>
        {errors.form && (
          <p class="note note-error" role="alert" tabIndex={-1}>
            {errors.form}
          </p>
        )}
        <Field id="bb-village" label={t('bb.village')} error={errors.village} required>
          {(c) => (
            <select
              {...c}
              value={villageId}
              onChange={(e) => {
                setVillageId(e.currentTarget.value);
                setProductId('');
                clear('village', 'product');
              }}
            >
              <option value="">{t('bb.form.chooseVillage')}</option>
              {groupByCounty(villages.data ?? []).map(([county, vs]) => (
                <optgroup key={county} label={county}>
                  {vs.map((v) => (
                    <option key={v.villageId} value={v.villageId}>
                      {localized(lang, v.name, v.nameEn)}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          )}
        </Field>

        <fieldset class="fieldset">
          <legend>{t('bb.scope')}</legend>
          <div class="choice-row">
            {(['product', 'category'] as const).map((k) => (
              <div class="field field-check" key={k}>
                <input
                  type="radio"
                  id={`bb-kind-${k}`}
                  name="bb-kind"
                  value={k}
                  checked={kind === k}
                  onChange={() => {
                    setKind(k);
                    clear('product', 'category', 'unit');
                  }}
                />
                <label for={`bb-kind-${k}`}>{t(k === 'product' ? 'bb.form.oneProduct' : 'bb.form.wholeCategory')}</label>
              </div>
            ))}
          </div>
          {kind === 'product' ? (
            <Field id="bb-product" label={t('sales.product')} error={errors.product} required>
              {(c) =>
                !villageId ? (
                  <select {...c} disabled>
                    <option>{t('bb.form.villageFirst')}</option>
                  </select>
                ) : products.error ? (
                  <ErrorNote error={products.error} onRetry={products.reload} />
                ) : (
                  <select
                    {...c}
                    value={productId}
                    onChange={(e) => {
                      setProductId(e.currentTarget.value);
                      clear('product');
                    }}
                  >
                    <option value="">{products.data ? t('leader.chooseProduct') : t('common.loading')}</option>
                    {(products.data ?? []).map((p) => (
                      <option key={p.productId} value={p.productId}>
                        {localized(lang, p.name, p.nameEn)} · {t('products.perUnit', { price: formatFen(p.priceFen), unit: t(unitKey(p.unit)) })}
                      </option>
                    ))}
                  </select>
                )
              }
            </Field>
          ) : (
            <div class="form-grid">
              <Field id="bb-category" label={t('form.category')} hint={t('bb.form.categoryHint')} error={errors.category} required>
                {(c) => (
                  <select {...c} value={category} onChange={(e) => setCategory(e.currentTarget.value as ProductCategory)}>
                    {CATEGORIES.map((cat) => (
                      <option key={cat} value={cat}>
                        {t(categoryKey(cat))}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field id="bb-unit" label={t('form.unit')} error={errors.unit} required>
                {(c) => (
                  <select {...c} value={unit} onChange={(e) => setUnit(e.currentTarget.value as ProductUnit)}>
                    {UNITS.map((u) => (
                      <option key={u} value={u}>
                        {t(unitKey(u))}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            </div>
          )}
        </fieldset>

        <TermsFields
          prefix="bb"
          values={values}
          errors={errors}
          unit={unitLabel}
          minStart={today}
          floorHint={product ? t('bb.form.floorHintPrice', { price: formatFen(product.priceFen), unit: unitLabel }) : undefined}
          onChange={(k, value) => {
            setValues((old) => ({ ...old, [k]: value }));
            if (errors[k]) clear(k);
          }}
        />
        <div class="actions">
          <button type="submit" class="btn btn-primary" aria-disabled={saving}>
            {saving ? t('common.saving') : t('bb.form.offer')}
          </button>
          <a class="btn" href="/buyback">
            {t('common.cancel')}
          </a>
        </div>
      </form>
    </>
  );
}
