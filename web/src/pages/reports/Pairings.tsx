import { useState } from 'preact/hooks';
import type { Actor } from '../../api';
import { everyPage, reportsApi, type Pairing } from '../../api/reports';
import { ErrorNote, Loading } from '../../components/Status';
import { formatFen } from '../../format';
import { useAsync, useTitle } from '../../hooks';
import { useI18n } from '../../i18n';
import { Gate } from './Gate';
import { ORG_KIND_KEY } from './labels';
import { useNames, type Names } from './names';
import { PairingForm } from './PairingForm';

/** Pairings (城乡结对): organizers list and create them; an organisation's leader and a village's cooperative see theirs. */
export function Pairings() {
  const { t } = useI18n();
  useTitle('impact.pair.title', true);
  return <Gate title={t('impact.pair.title')} allow={(a) => a.role !== 'buyer'}>{(actor) => <PairingsView actor={actor} />}</Gate>;
}

function PairingsView({ actor }: { actor: Actor }) {
  const { t } = useI18n();
  const names = useNames();
  const list = useAsync((signal) => everyPage((cursor) => reportsApi.pairings({ cursor }, signal)), []);
  const [creating, setCreating] = useState(false);
  const [flash, setFlash] = useState('');
  const [filter, setFilter] = useState('');
  const organizer = actor.role === 'organizer';

  const closeCreate = () => {
    setCreating(false);
    requestAnimationFrame(() => document.getElementById('new-pairing-toggle')?.focus());
  };

  return (
    <>
      <h1>{t('impact.pair.title')}</h1>
      <p class="meta">{organizer ? t('impact.pair.introOrganizer') : actor.role === 'leader' ? t('impact.pair.introLeader') : t('impact.pair.introCoop')}</p>
      <p class="status" role="status">
        {flash}
      </p>
      {organizer && (
        <section class="panel" aria-labelledby="new-pairing">
          <h2 id="new-pairing" class="disclosure-heading">
            <button
              type="button"
              id="new-pairing-toggle"
              class="disclosure"
              aria-expanded={creating}
              aria-controls="new-pairing-form"
              onClick={() => {
                setCreating(!creating);
                setFlash('');
              }}
            >
              <span aria-hidden="true" class="disclosure-icon">
                {creating ? '−' : '+'}
              </span>
              {t('impact.pair.new')}
            </button>
          </h2>
          {creating && (
            <div id="new-pairing-form">
              <PairingForm
                names={names}
                onCreated={(p) => {
                  list.setData([p, ...(list.data ?? []).filter((x) => x.pairingId !== p.pairingId)]);
                  setFlash(
                    t('impact.pair.created', {
                      org: names.organization(p.organizationId, p.organizationName),
                      village: names.village(p.villageId, p.villageName),
                    }),
                  );
                  closeCreate();
                }}
                onCancel={closeCreate}
              />
            </div>
          )}
        </section>
      )}
      <section aria-labelledby="pairing-list">
        <h2 id="pairing-list">{organizer ? t('impact.pair.all') : t('impact.pair.ours')}</h2>
        {list.error ? (
          <ErrorNote error={list.error} onRetry={list.reload} />
        ) : !list.data ? (
          <Loading />
        ) : list.data.length === 0 ? (
          <p class="empty">{t('impact.pair.none')}</p>
        ) : (
          <>
            {list.data.length > 10 && (
              <div class="field field-inline">
                <label for="pairing-filter">{t('impact.pair.filter')}</label>
                <input id="pairing-filter" type="search" value={filter} onInput={(e) => setFilter(e.currentTarget.value)} />
              </div>
            )}
            <PairingTable pairings={matching(list.data, filter, names)} names={names} role={actor.role} />
          </>
        )}
      </section>
    </>
  );
}

/** Pairings whose organisation, village or county contains `text` (in either language). */
function matching(pairings: Pairing[], text: string, names: Names): Pairing[] {
  const q = text.trim().toLowerCase();
  if (!q) return pairings;
  return pairings.filter((p) =>
    [p.organizationName, p.villageName, p.county, names.organization(p.organizationId), names.village(p.villageId)].some((s) => s.toLowerCase().includes(q)),
  );
}

function PairingTable({ pairings, names, role }: { pairings: Pairing[]; names: Names; role: Actor['role'] }) {
  const { t } = useI18n();
  return (
    <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="pairing-list">
      <table class="table" data-testid="pairings">
        <thead>
          <tr>
            <th scope="col">{t('impact.pair.organization')}</th>
            <th scope="col">{t('impact.pair.village')}</th>
            <th scope="col">{t('impact.pair.startDate')}</th>
            <th scope="col" class="num">
              {t('impact.pair.annualTarget')}
            </th>
            <th scope="col">{t('impact.pair.report')}</th>
          </tr>
        </thead>
        <tbody>
          {pairings.map((p) => {
            const org = names.organization(p.organizationId, p.organizationName);
            const village = names.village(p.villageId, p.villageName);
            return (
              <tr key={p.pairingId}>
                <th scope="row">
                  {role === 'organizer' || role === 'leader' ? <a href={`/reports/organizations/${encodeURIComponent(p.organizationId)}`}>{org}</a> : org}
                  <span class="meta"> · {t(ORG_KIND_KEY[p.organizationKind])}</span>
                </th>
                <td>
                  {role === 'organizer' || role === 'coop' ? <a href={`/reports/villages/${encodeURIComponent(p.villageId)}`}>{village}</a> : village}
                  <span class="meta"> · {p.county}</span>
                </td>
                <td>{p.startDate}</td>
                <td class="num">{formatFen(p.annualTargetFen)}</td>
                <td>
                  <a href={`/reports/pairings/${encodeURIComponent(p.pairingId)}`} aria-label={t('impact.pair.reportOf', { org, village })}>
                    {t('impact.pair.report')}
                  </a>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
