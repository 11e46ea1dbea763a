import { useRef, useState } from 'preact/hooks';
import { ApiError, newIdempotencyKey } from '../../api';
import { reportsApi, type Pairing } from '../../api/reports';
import { Field } from '../../components/Field';
import { localized, useI18n } from '../../i18n';
import { groupByCounty } from '../../villages';
import { errorsFromApi, focusFirstError, type Errors } from '../coop/formErrors';
import { ORG_KIND_KEY } from './labels';
import type { Names } from './names';
import { checkPairing, type PairingKey as Key } from './pairingInput';
import { dayString, shanghaiToday } from './period';

const FIELD_MAP: Record<string, Key> = {
  organizationId: 'org',
  villageId: 'village',
  startDate: 'start',
  annualTargetFen: 'target',
  note: 'note',
};

/** Pairs an organisation with a village (organizers). A retry of the same pairing reuses its Idempotency-Key. */
export function PairingForm({ names, onCreated, onCancel }: { names: Names; onCreated: (p: Pairing) => void; onCancel: () => void }) {
  const { lang, t } = useI18n();
  const [v, setV] = useState({ org: '', village: '', start: dayString(shanghaiToday()), target: '', note: '' });
  const [errors, setErrors] = useState<Errors<Key>>({});
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const attempt = useRef<{ body: string; key: string } | null>(null);
  const set = (k: keyof typeof v) => (e: Event) => {
    setV({ ...v, [k]: (e.currentTarget as HTMLInputElement).value });
    if (errors[k]) setErrors({ ...errors, [k]: undefined });
  };
  const message = { required: t('form.requiredField'), amount: t('impact.pair.targetInvalid'), day: t('impact.pair.dayInvalid'), tooLong: t('checkout.tooLong') };

  async function submit(ev: Event) {
    ev.preventDefault();
    if (saving) return;
    const { input, errors: found } = checkPairing(v);
    if (!input) {
      const shown: Errors<Key> = { form: t('form.fixErrors') };
      for (const [k, why] of Object.entries(found)) shown[k as Key] = message[why];
      setErrors(shown);
      requestAnimationFrame(() => focusFirstError(formRef.current));
      return;
    }
    const body = JSON.stringify(input);
    if (attempt.current?.body !== body) attempt.current = { body, key: newIdempotencyKey() };
    setSaving(true);
    setErrors({});
    try {
      const created = await reportsApi.createPairing(input, attempt.current.key);
      attempt.current = null;
      onCreated(created);
    } catch (err) {
      setSaving(false);
      if (err instanceof ApiError && err.status === 409) {
        setErrors({ form: t('impact.pair.alreadyPaired') });
      } else {
        const e = errorsFromApi(err, FIELD_MAP, t);
        setErrors(e.form ? e : { ...e, form: t('form.fixErrors') });
      }
      requestAnimationFrame(() => focusFirstError(formRef.current));
    }
  }

  const kinds = [...new Set(names.organizations.map((o) => o.kind))];
  return (
    <form ref={formRef} class="stack" onSubmit={(e) => void submit(e)} noValidate>
      {errors.form && (
        <p class="note note-error" role="alert" tabIndex={-1}>
          {errors.form}
        </p>
      )}
      <div class="form-grid">
        <Field id="pair-org" label={t('impact.pair.organization')} error={errors.org} required>
          {(c) => (
            <select {...c} value={v.org} onChange={set('org')}>
              <option value="">{t('impact.pair.chooseOrganization')}</option>
              {kinds.map((kind) => (
                <optgroup key={kind} label={t(ORG_KIND_KEY[kind])}>
                  {names.organizations
                    .filter((o) => o.kind === kind)
                    .map((o) => (
                      <option key={o.organizationId} value={o.organizationId}>
                        {localized(lang, o.name, o.nameEn)}
                      </option>
                    ))}
                </optgroup>
              ))}
            </select>
          )}
        </Field>
        <Field id="pair-village" label={t('impact.pair.village')} error={errors.village} required>
          {(c) => (
            <select {...c} value={v.village} onChange={set('village')}>
              <option value="">{t('impact.pair.chooseVillage')}</option>
              {groupByCounty(names.villages).map(([county, vs]) => (
                <optgroup key={county} label={county}>
                  {vs.map((x) => (
                    <option key={x.villageId} value={x.villageId}>
                      {localized(lang, x.name, x.nameEn)}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          )}
        </Field>
        <Field id="pair-start" label={t('impact.pair.startDate')} hint={t('impact.pair.startHint')} error={errors.start} required>
          {(c) => <input {...c} type="date" value={v.start} onInput={set('start')} />}
        </Field>
        <Field id="pair-target" label={t('impact.pair.annualTarget')} hint={t('impact.pair.targetHint')} error={errors.target} required>
          {(c) => <input {...c} type="text" inputMode="decimal" autoComplete="off" value={v.target} onInput={set('target')} />}
        </Field>
      </div>
      <Field id="pair-note" label={t('impact.pair.note')} error={errors.note}>
        {(c) => <textarea {...c} rows={2} maxLength={500} value={v.note} onInput={set('note')} />}
      </Field>
      <p class="actions">
        <button type="submit" class="btn btn-primary" aria-disabled={saving ? 'true' : undefined}>
          {saving ? t('common.saving') : t('impact.pair.create')}
        </button>
        <button type="button" class="btn" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </p>
    </form>
  );
}
