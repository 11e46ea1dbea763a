import { useRef, useState } from 'preact/hooks';
import { ApiError, newIdempotencyKey } from '../../api';
import { salesApi, type Pairing, type WeeklyReport } from '../../api/sales';
import { Countdown } from '../../components/Countdown';
import { Field } from '../../components/Field';
import { ErrorNote, Loading } from '../../components/Status';
import { useNow } from '../../clock';
import { formatDateTime, formatFen } from '../../format';
import { useAsync, useTitle } from '../../hooks';
import { useI18n } from '../../i18n';
import { navigate, useLocation, withQuery } from '../../router';
import { NotFound } from '../NotFound';
import { errorsFromApi, focusFirstError, type Errors } from '../coop/formErrors';
import { finishedWeeks, formatDay, isPast, weekSpan } from './calendar';
import { RequireRole } from './RequireRole';

const MAX_NARRATIVE = 4000;
/** How many finished weeks a late report may still be written for. */
const WEEKS_OFFERED = 8;

/** The weekly progress report of a pairing (/pairings/:id/weekly-report), due Tuesday 18:00 Beijing time. */
export function WeeklyReportForm({ id }: { id: string }) {
  useTitle('weekly.title', true);
  return <RequireRole roles={['leader']} title="weekly.title">{() => <Loader pairingId={id} />}</RequireRole>;
}

function Loader({ pairingId }: { pairingId: string }) {
  const { t } = useI18n();
  const pairing = useAsync((signal) => salesApi.pairing(pairingId, signal), [pairingId]);
  if (pairing.error instanceof ApiError && (pairing.error.status === 404 || pairing.error.status === 400)) return <NotFound />;
  if (pairing.error) {
    return (
      <>
        <h1>{t('weekly.title')}</h1>
        <ErrorNote error={pairing.error} onRetry={pairing.reload} />
      </>
    );
  }
  if (!pairing.data) return <Loading />;
  return <ReportPage pairing={pairing.data} />;
}

function ReportPage({ pairing }: { pairing: Pairing }) {
  const { lang, t } = useI18n();
  const loc = useLocation();
  const weeks = finishedWeeks(new Date(), WEEKS_OFFERED, pairing.startDate);
  const asked = loc.query.get('week') ?? '';
  const week = weeks.includes(asked) ? asked : (weeks[0] ?? '');
  const [submitted, setSubmitted] = useState<WeeklyReport | null>(null);

  return (
    <>
      <h1>{t('weekly.title')}</h1>
      <p class="meta">
        {pairing.organizationName} × {pairing.villageName}（{pairing.county}） · <a href="/org">{t('weekly.backToOrg')}</a>
      </p>
      {submitted ? (
        <Submitted report={submitted} />
      ) : weeks.length === 0 ? (
        <p class="note">{t('weekly.noWeekYet', { day: formatDay(pairing.startDate, lang) })}</p>
      ) : (
        <>
          <div class="week-pick">
            <div class="field">
              <label for="weekly-week">{t('weekly.week')}</label>
              <select
                id="weekly-week"
                value={week}
                onChange={(e) => navigate(withQuery(loc, { week: e.currentTarget.value }), { replace: true })}
              >
                {weeks.map((w) => {
                  const span = weekSpan(w);
                  return (
                    <option key={w} value={w}>
                      {t('weekly.weekOption', { week: w, from: formatDay(span.monday, lang), to: formatDay(span.sunday, lang) })}
                    </option>
                  );
                })}
              </select>
            </div>
          </div>
          <WeekReport key={week} pairing={pairing} week={week} onSubmitted={setSubmitted} />
        </>
      )}
    </>
  );
}

function Deadline({ deadline }: { deadline: string }) {
  const { lang, t } = useI18n();
  const now = useNow();
  const late = isPast(deadline, now);
  return (
    <p class={late ? 'note note-late' : 'note'}>
      {t('weekly.deadline', { time: formatDateTime(deadline, lang) })}{' '}
      {late ? (
        <strong>{t('weekly.lateNow')}</strong>
      ) : (
        <>
          <span class="tag tag-season">{t('weekly.onTime')}</span> <Countdown to={deadline} label={t('weekly.timeLeft')} />
        </>
      )}
    </p>
  );
}

function WeekReport({ pairing, week, onSubmitted }: { pairing: Pairing; week: string; onSubmitted(r: WeeklyReport): void }) {
  const { t } = useI18n();
  const figures = useAsync((signal) => salesApi.weeklyReportDraft(pairing.pairingId, week, signal), [pairing.pairingId, week]);
  const [narrative, setNarrative] = useState('');
  const [errors, setErrors] = useState<Errors<'narrative' | 'week'>>({});
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const attempt = useRef<{ body: string; key: string } | null>(null);
  const deadline = figures.data?.deadline ?? weekSpan(week).deadline;

  async function submit(e: Event) {
    e.preventDefault();
    if (saving) return;
    const text = narrative.trim();
    if (!text) {
      setErrors({ narrative: t('form.requiredField'), form: t('form.fixErrors') });
      requestAnimationFrame(() => focusFirstError(formRef.current));
      return;
    }
    const input = { week, narrative: text };
    const body = JSON.stringify(input);
    if (attempt.current?.body !== body) attempt.current = { body, key: newIdempotencyKey() };
    setSaving(true);
    setErrors({});
    try {
      onSubmitted(await salesApi.submitWeeklyReport(pairing.pairingId, input, attempt.current.key));
    } catch (err) {
      const found =
        err instanceof ApiError && err.status === 409 ? { form: t('weekly.already') } : errorsFromApi(err, { narrative: 'narrative', week: 'week' }, t);
      setErrors(found.form ? found : { ...found, form: t('form.fixErrors') });
      requestAnimationFrame(() => focusFirstError(formRef.current));
      setSaving(false);
    }
  }

  return (
    <>
      <Deadline deadline={deadline} />
      <section class="panel" aria-labelledby="weekly-figures">
        <h2 id="weekly-figures">{t('weekly.figures')}</h2>
        <p class="hint">{t('weekly.figuresHint')}</p>
        {figures.error ? (
          <ErrorNote error={figures.error} onRetry={figures.reload} />
        ) : !figures.data ? (
          <Loading />
        ) : (
          <dl class="stats">
            <div class="stat">
              <dt>{t('weekly.weekPurchases')}</dt>
              <dd>{formatFen(figures.data.weekPurchasesFen)}</dd>
            </div>
            <div class="stat">
              <dt>{t('weekly.ytdPurchases', { year: figures.data.year })}</dt>
              <dd>{formatFen(figures.data.ytdPurchasesFen)}</dd>
            </div>
            <div class="stat">
              <dt>{t('weekly.annualTarget')}</dt>
              <dd>{formatFen(pairing.annualTargetFen)}</dd>
            </div>
          </dl>
        )}
      </section>
      <form ref={formRef} class="stack" onSubmit={(e) => void submit(e)} noValidate>
        {errors.form && (
          <p class="note note-error" role="alert" tabIndex={-1}>
            {errors.form}
          </p>
        )}
        {errors.week && <p class="field-error">{errors.week}</p>}
        <Field
          id="weekly-narrative"
          label={t('weekly.narrative')}
          hint={t('weekly.narrativeHint', { n: narrative.length, max: MAX_NARRATIVE })}
          error={errors.narrative}
          required
        >
          {(c) => (
            <textarea
              {...c}
              rows={8}
              maxLength={MAX_NARRATIVE}
              value={narrative}
              onInput={(e) => {
                setNarrative(e.currentTarget.value);
                if (errors.narrative) setErrors({ ...errors, narrative: undefined });
              }}
            />
          )}
        </Field>
        <div class="actions">
          <button type="submit" class="btn btn-primary" aria-disabled={saving || !figures.data}>
            {saving ? t('common.saving') : t('weekly.submit')}
          </button>
        </div>
      </form>
    </>
  );
}

function Submitted({ report }: { report: WeeklyReport }) {
  const { lang, t } = useI18n();
  return (
    <section class="panel" aria-labelledby="weekly-done" role="status">
      <h2 id="weekly-done">{t('weekly.done', { week: report.week })}</h2>
      <p>
        <span class={report.late ? 'tag tag-warn' : 'tag tag-season'}>{t(report.late ? 'weekly.submittedLate' : 'weekly.submittedOnTime')}</span>{' '}
        {t('weekly.submittedAt', { time: formatDateTime(report.submittedAt, lang) })}
      </p>
      <dl class="facts">
        <dt>{t('weekly.weekPurchases')}</dt>
        <dd>{formatFen(report.weekPurchasesFen)}</dd>
        <dt>{t('weekly.ytdPurchases', { year: report.year })}</dt>
        <dd>{formatFen(report.ytdPurchasesFen)}</dd>
      </dl>
      <p class="prose-pre">{report.narrative}</p>
      <p>
        <a href="/org">{t('weekly.backToOrg')}</a>
      </p>
    </section>
  );
}
