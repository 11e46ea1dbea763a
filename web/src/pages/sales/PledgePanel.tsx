import { useRef, useState } from 'preact/hooks';
import { salesApi, type OrganizationReport, type Pledge } from '../../api/sales';
import { Field } from '../../components/Field';
import { fenToDecimal, formatBps, formatDateTime, formatFen, parseYuan } from '../../format';
import { useI18n, type MessageKey } from '../../i18n';
import { errorsFromApi, focusFirstError, type Errors } from '../coop/formErrors';
import { ProgressBar } from './ProgressBar';

type Key = 'amount' | 'note';

interface Props {
  organizationId: string;
  year: number;
  pledge: Pledge | null;
  /** This year's purchases and the projection, when the report could be read. */
  report: OrganizationReport | undefined;
  onSaved(pledge: Pledge): void;
}

const projectionKey = (basis: OrganizationReport['projection']): MessageKey => `org.projection.${basis}`;

/** The organisation's consumption-aid pledge (认购承诺) for the year, its progress from the ledger, and setting it. */
export function PledgePanel({ organizationId, year, pledge, report, onSaved }: Props) {
  const { lang, t } = useI18n();
  const [editing, setEditing] = useState(pledge === null);
  const [v, setV] = useState({ amount: pledge ? fenToDecimal(pledge.amountFen) : '', note: pledge?.note ?? '' });
  const [errors, setErrors] = useState<Errors<Key>>({});
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  async function submit(e: Event) {
    e.preventDefault();
    if (saving) return;
    const amountFen = parseYuan(v.amount);
    if (amountFen === null || amountFen < 1) {
      setErrors({ amount: t('form.priceInvalid'), form: t('form.fixErrors') });
      requestAnimationFrame(() => focusFirstError(formRef.current));
      return;
    }
    setSaving(true);
    setErrors({});
    setSaved(false);
    try {
      // A PUT: sending it again changes nothing, so it needs no Idempotency-Key.
      const next = await salesApi.setPledge(organizationId, year, { amountFen, ...(v.note.trim() ? { note: v.note.trim() } : {}) });
      onSaved(next);
      setSaved(true);
      setEditing(false);
      requestAnimationFrame(() => document.getElementById('pledge-edit')?.focus());
    } catch (err) {
      const found = errorsFromApi(err, { amountFen: 'amount', note: 'note' }, t);
      setErrors(found.form ? found : { ...found, form: t('form.fixErrors') });
      requestAnimationFrame(() => focusFirstError(formRef.current));
    } finally {
      setSaving(false);
    }
  }

  const purchases = report?.salesFen ?? null;
  const progress = report?.pledgeProgressBps ?? null;
  return (
    <section class="panel" aria-labelledby="pledge-title">
      <h2 id="pledge-title">{t('org.pledgeTitle', { year })}</h2>
      <p class="status" role="status">
        {saved ? t('org.pledgeSaved') : ''}
      </p>
      {pledge ? (
        <>
          <dl class="stats">
            <div class="stat">
              <dt>{t('org.pledged')}</dt>
              <dd>{formatFen(pledge.amountFen)}</dd>
            </div>
            {purchases !== null && (
              <div class="stat">
                <dt>{t('org.purchased')}</dt>
                <dd>{formatFen(purchases)}</dd>
              </div>
            )}
            {progress !== null && (
              <div class="stat">
                <dt>{t('org.progress')}</dt>
                <dd>{formatBps(progress, lang)}</dd>
              </div>
            )}
          </dl>
          {progress !== null && <ProgressBar bps={progress} />}
          {report && report.projection !== 'none' && (
            <p class="meta">
              {t('org.projected', { amount: formatFen(report.projectedYearEndFen) })} ({t(projectionKey(report.projection))})
            </p>
          )}
          {pledge.note && <p>{pledge.note}</p>}
          <p class="meta">{t('org.pledgeUpdated', { time: formatDateTime(pledge.updatedAt, lang) })}</p>
        </>
      ) : (
        <p class="empty">{t('org.noPledge', { year })}</p>
      )}
      {pledge && (
        <p>
          <button
            type="button"
            id="pledge-edit"
            class="btn btn-small"
            aria-expanded={editing}
            aria-controls="pledge-form"
            onClick={() => setEditing(!editing)}
          >
            {t('org.editPledge')}
          </button>
        </p>
      )}
      {editing && (
        <form id="pledge-form" ref={formRef} class="stack" onSubmit={(e) => void submit(e)} noValidate>
          {errors.form && (
            <p class="note note-error" role="alert" tabIndex={-1}>
              {errors.form}
            </p>
          )}
          <div class="form-grid">
            <Field id="pledge-amount" label={t('org.pledgeAmount')} hint={t('org.pledgeAmountHint')} error={errors.amount} required>
              {(c) => (
                <input
                  {...c}
                  type="text"
                  inputMode="decimal"
                  autoComplete="off"
                  value={v.amount}
                  onInput={(e) => setV({ ...v, amount: e.currentTarget.value })}
                />
              )}
            </Field>
          </div>
          <Field id="pledge-note" label={t('org.pledgeNote')} error={errors.note}>
            {(c) => <textarea {...c} rows={2} maxLength={500} value={v.note} onInput={(e) => setV({ ...v, note: e.currentTarget.value })} />}
          </Field>
          <div class="actions">
            <button type="submit" class="btn btn-primary" aria-disabled={saving}>
              {saving ? t('common.saving') : t('org.savePledge')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
