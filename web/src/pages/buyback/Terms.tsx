import { Fragment } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { newIdempotencyKey } from '../../api';
import { buybackApi, type GuaranteeDetail, type TermsVersion } from '../../api/buyback';
import { useConfirm } from '../../components/ConfirmDialog';
import { Field } from '../../components/Field';
import { formatCount, formatDateTime, formatFen } from '../../format';
import { useI18n } from '../../i18n';
import { errorsFromApi, focusFirstError, type Errors } from '../coop/formErrors';
import { formatDay, todayInShanghai } from '../sales/calendar';
import { proposerSide, termsStatusKey, type Side } from './guarantee';
import { ActionError, unitLabel, useAction } from './parts';
import { checkTerms, TERMS_FIELDS, termsValuesOf, type Terms as TermsShape, type TermsKey } from './terms';
import { TermsFields } from './TermsFields';

/** The terms as a definition list: window, floor, quantities, grades, place. */
export function TermsFacts({ terms, unit }: { terms: TermsShape; unit: string }) {
  const { lang, t } = useI18n();
  return (
    <dl class="facts">
      <dt>{t('bb.window')}</dt>
      <dd>
        {formatDay(terms.window.start, lang)} – {formatDay(terms.window.end, lang)}
      </dd>
      <dt>{t('bb.floor')}</dt>
      <dd>{t('products.perUnit', { price: formatFen(terms.floorPriceFen), unit })}</dd>
      <dt>{t('bb.committed')}</dt>
      <dd>
        {formatCount(terms.committedQuantity, lang)} {unit}
      </dd>
      <dt>{t('bb.maximum')}</dt>
      <dd>{terms.maximumQuantity === null ? t('bb.noMaximum') : `${formatCount(terms.maximumQuantity, lang)} ${unit}`}</dd>
      <dt>{t('bb.grades')}</dt>
      <dd>{terms.acceptedGrades.join('、')}</dd>
      <dt>{t('bb.place')}</dt>
      <dd>{terms.deliveryPlace}</dd>
    </dl>
  );
}

interface Props {
  g: GuaranteeDetail;
  side: Side;
  onChanged(message: string, next?: GuaranteeDetail): void;
}

/** The cooperative accepts or declines an offer; the organisation and organizers see that it awaits the village. */
export function OfferDecision({ g, side, onChanged }: Props) {
  const { t } = useI18n();
  const [confirmDialog, ask] = useConfirm();
  const action = useAction();
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  if (g.status !== 'offered') return null;
  if (side !== 'village') return <p class="note">{t('bb.offer.awaitingVillage', { village: g.villageName })}</p>;

  async function accept() {
    const ok = await ask({ title: t('bb.offer.acceptConfirm'), body: <p>{t('bb.offer.acceptBody')}</p>, confirmLabel: t('bb.offer.accept') });
    if (!ok) return;
    let next: GuaranteeDetail | undefined;
    if (await action.run(async () => (next = await buybackApi.acceptOffer(g.guaranteeId)))) onChanged(t('bb.offer.accepted'), next);
  }

  async function decline(e: Event) {
    e.preventDefault();
    let next: GuaranteeDetail | undefined;
    if (await action.run(async () => (next = await buybackApi.declineOffer(g.guaranteeId, reason)))) onChanged(t('bb.offer.declined'), next);
  }

  return (
    <section class="panel panel-action" aria-labelledby="bb-offer">
      <h2 id="bb-offer">{t('bb.offer.title')}</h2>
      <p>{t('bb.offer.intro', { organization: g.organizationName })}</p>
      <div class="actions">
        <button type="button" class="btn btn-primary" aria-disabled={action.busy} onClick={() => void accept()}>
          {t('bb.offer.accept')}
        </button>
        <button type="button" class="btn btn-danger" aria-expanded={declining} aria-controls="bb-decline" onClick={() => setDeclining(!declining)}>
          {t('bb.offer.decline')}
        </button>
      </div>
      {declining && (
        <form id="bb-decline" class="stack" onSubmit={(e) => void decline(e)} noValidate>
          <Field id="bb-decline-reason" label={t('bb.reasonOptional')}>
            {(c) => <input {...c} type="text" maxLength={500} autoComplete="off" value={reason} onInput={(e) => setReason(e.currentTarget.value)} />}
          </Field>
          <div class="actions">
            <button type="submit" class="btn btn-danger" aria-disabled={action.busy}>
              {t('bb.offer.declineConfirm')}
            </button>
          </div>
        </form>
      )}
      <ActionError error={action.error} />
      {confirmDialog}
    </section>
  );
}

/** The amendment awaiting a decision: the other side accepts or declines it, its proposer may withdraw it. */
export function PendingAmendment({ g, side, onChanged }: Props) {
  const { lang, t } = useI18n();
  const action = useAction();
  const [confirmDialog, ask] = useConfirm();
  const [reason, setReason] = useState('');
  const version = g.termsHistory.find((v) => v.version === g.pendingAmendmentVersion);
  if (!version) return null;
  const unit = unitLabel(g, t);
  const mine = side === proposerSide(version);
  const canDecide = side === 'village' || side === 'buyer';

  async function decide(decision: 'accept' | 'decline') {
    if (!version) return;
    if (decision === 'accept') {
      const ok = await ask({ title: t('bb.amend.acceptConfirm', { version: version.version }), body: <p>{t('bb.amend.acceptBody')}</p>, confirmLabel: t('bb.amend.accept') });
      if (!ok) return;
    }
    let next: GuaranteeDetail | undefined;
    const call =
      decision === 'accept'
        ? async () => (next = await buybackApi.acceptAmendment(g.guaranteeId, version.version))
        : async () => (next = await buybackApi.declineAmendment(g.guaranteeId, version.version, reason));
    if (await action.run(call)) {
      onChanged(t(decision === 'accept' ? 'bb.amend.accepted' : mine ? 'bb.amend.withdrawn' : 'bb.amend.declined', { version: version.version }), next);
    }
  }

  return (
    <section class="panel panel-action" aria-labelledby="bb-pending">
      <h2 id="bb-pending">{t('bb.amend.pendingTitle', { version: version.version })}</h2>
      <p class="meta">
        {t('bb.amend.proposedBy', { name: version.proposedBy.displayName, time: formatDateTime(version.proposedAt, lang) })}
        {version.note && <> · {version.note}</>}
      </p>
      <TermsChanges from={g.terms} to={version} unit={unit} />
      {canDecide && (
        <>
          {!mine && (
            <Field id="bb-amend-reason" label={t('bb.reasonOptional')}>
              {(c) => <input {...c} type="text" maxLength={500} autoComplete="off" value={reason} onInput={(e) => setReason(e.currentTarget.value)} />}
            </Field>
          )}
          <div class="actions">
            {!mine && (
              <button type="button" class="btn btn-primary" aria-disabled={action.busy} onClick={() => void decide('accept')}>
                {t('bb.amend.accept')}
              </button>
            )}
            <button type="button" class="btn btn-danger" aria-disabled={action.busy} onClick={() => void decide('decline')}>
              {t(mine ? 'bb.amend.withdraw' : 'bb.amend.decline')}
            </button>
          </div>
        </>
      )}
      {!canDecide && <p class="note">{t('bb.amend.awaiting')}</p>}
      {canDecide && mine && <p class="note">{t('bb.amend.awaitingOther')}</p>}
      <ActionError error={action.error} />
      {confirmDialog}
    </section>
  );
}

/** What an amendment changes against the terms in force, one line per field that differs. */
function TermsChanges({ from, to, unit }: { from: TermsShape; to: TermsShape; unit: string }) {
  const { lang, t } = useI18n();
  const window = (w: TermsShape['window']) => `${formatDay(w.start, lang)} – ${formatDay(w.end, lang)}`;
  const qty = (n: number | null) => (n === null ? t('bb.noMaximum') : `${formatCount(n, lang)} ${unit}`);
  const rows: [string, string, string][] = [
    [t('bb.window'), window(from.window), window(to.window)],
    [t('bb.floor'), formatFen(from.floorPriceFen), formatFen(to.floorPriceFen)],
    [t('bb.committed'), qty(from.committedQuantity), qty(to.committedQuantity)],
    [t('bb.maximum'), qty(from.maximumQuantity), qty(to.maximumQuantity)],
    [t('bb.grades'), from.acceptedGrades.join('、'), to.acceptedGrades.join('、')],
    [t('bb.place'), from.deliveryPlace, to.deliveryPlace],
  ];
  const changed = rows.filter(([, a, b]) => a !== b);
  if (changed.length === 0) return <p>{t('bb.amend.noChange')}</p>;
  return (
    <dl class="facts">
      {changed.map(([label, a, b]) => (
        <Fragment key={label}>
          <dt>{label}</dt>
          <dd>
            <del>{a}</del> → <ins>{b}</ins>
          </dd>
        </Fragment>
      ))}
    </dl>
  );
}

/** Either side proposes new terms, complete, as the next version; the other side then decides. */
export function ProposeAmendment({ g, side, onChanged }: Props) {
  const { t } = useI18n();
  const today = todayInShanghai();
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState(() => termsValuesOf(g.terms));
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Errors<TermsKey | 'note'>>({});
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const attempt = useRef<{ body: string; key: string } | null>(null);
  const canPropose = (side === 'village' || side === 'buyer') && g.status === 'active' && g.pendingAmendmentVersion === null && Date.now() < Date.parse(g.closesAt);
  if (!canPropose) return null;
  const startLocked = today >= g.terms.window.start;

  async function submit(e: Event) {
    e.preventDefault();
    if (saving) return;
    const checked = checkTerms(values, today);
    const found: Errors<TermsKey | 'note'> = Object.fromEntries(Object.entries(checked.errors).map(([k, key]) => [k, t(key)]));
    if (!checked.terms || Object.keys(found).length > 0) {
      setErrors({ ...found, form: t('form.fixErrors') });
      requestAnimationFrame(() => focusFirstError(formRef.current));
      return;
    }
    const input = { ...checked.terms, ...(note.trim() ? { note: note.trim() } : {}) };
    const body = JSON.stringify(input);
    if (attempt.current?.body !== body) attempt.current = { body, key: newIdempotencyKey() };
    setSaving(true);
    setErrors({});
    try {
      const proposed = await buybackApi.proposeAmendment(g.guaranteeId, input, attempt.current.key);
      attempt.current = null;
      setOpen(false);
      onChanged(t('bb.amend.proposed', { version: proposed.version }));
    } catch (err) {
      const fromApi = errorsFromApi(err, { ...TERMS_FIELDS, note: 'note' as const }, t);
      setErrors(fromApi.form ? fromApi : { ...fromApi, form: t('form.fixErrors') });
      requestAnimationFrame(() => focusFirstError(formRef.current));
    } finally {
      setSaving(false);
    }
  }

  return (
    <section class="panel" aria-labelledby="bb-propose">
      <h2 id="bb-propose" class="disclosure-heading">
        <button type="button" class="disclosure" aria-expanded={open} aria-controls="bb-propose-form" onClick={() => setOpen(!open)}>
          <span aria-hidden="true" class="disclosure-icon">
            {open ? '−' : '+'}
          </span>
          {t('bb.amend.propose')}
        </button>
      </h2>
      {open && (
        <form id="bb-propose-form" ref={formRef} class="stack" onSubmit={(e) => void submit(e)} noValidate>
          <p class="hint">{t('bb.amend.intro')}</p>
          {errors.form && (
            <p class="note note-error" role="alert" tabIndex={-1}>
              {errors.form}
            </p>
          )}
          <TermsFields
            prefix="amend"
            values={values}
            errors={errors}
            unit={unitLabel(g, t)}
            minStart={today}
            startLocked={startLocked}
            onChange={(k, value) => {
              setValues((old) => ({ ...old, [k]: value }));
              if (errors[k]) setErrors((old) => ({ ...old, [k]: undefined }));
            }}
          />
          <Field id="amend-note" label={t('bb.amend.note')} hint={t('bb.amend.noteHint')} error={errors.note}>
            {(c) => <textarea {...c} rows={2} maxLength={500} value={note} onInput={(e) => setNote(e.currentTarget.value)} />}
          </Field>
          <div class="actions">
            <button type="submit" class="btn btn-primary" aria-disabled={saving}>
              {saving ? t('common.saving') : t('bb.amend.send')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

const VERSION_TONE: Record<TermsVersion['status'], string> = {
  proposed: 'tag tag-warn',
  accepted: 'tag tag-season',
  superseded: 'tag',
  declined: 'tag tag-muted',
  lapsed: 'tag tag-muted',
};

/** Every version of the terms, newest first: who proposed it, who decided, and what it said. */
export function TermsHistory({ g }: { g: GuaranteeDetail }) {
  const { lang, t } = useI18n();
  const unit = unitLabel(g, t);
  const versions = [...g.termsHistory].sort((a, b) => b.version - a.version);
  return (
    <section aria-labelledby="bb-history">
      <h2 id="bb-history">{t('bb.history')}</h2>
      <ol class="terms-history" reversed>
        {versions.map((v) => (
          <li key={v.version} class="card">
            <div class="order-card-head">
              <h3 class="card-title">
                {t(v.version === 1 ? 'bb.versionOffer' : 'bb.version', { version: v.version })}
                {v.version === g.termsVersion && (g.status === 'active' || g.status === 'closed') && <> · {t('bb.inForce')}</>}
              </h3>
              <span class={VERSION_TONE[v.status]}>{t(termsStatusKey(v.status))}</span>
            </div>
            <p class="meta">
              {t('bb.amend.proposedBy', { name: v.proposedBy.displayName, time: formatDateTime(v.proposedAt, lang) })}
              {v.decidedBy && v.decidedAt && <> · {t('bb.decidedBy', { name: v.decidedBy.displayName, time: formatDateTime(v.decidedAt, lang) })}</>}
            </p>
            {v.note && <p>{v.note}</p>}
            {v.decisionReason && <p class="meta">{t('bb.reason', { reason: v.decisionReason })}</p>}
            <details>
              <summary>{t('bb.showTerms')}</summary>
              <TermsFacts terms={v} unit={unit} />
            </details>
          </li>
        ))}
      </ol>
    </section>
  );
}
