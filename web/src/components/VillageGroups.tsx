import type { Village } from '../api';
import { formatCount } from '../format';
import { localized, useI18n } from '../i18n';
import { groupByCounty } from '../villages';

/** Villages listed under their county, each county a headed section. */
export function VillageGroups({ villages, level = 3 }: { villages: Village[]; level?: 2 | 3 }) {
  const { lang, t } = useI18n();
  const H = level === 2 ? 'h2' : 'h3';
  return (
    <div class="county-groups">
      {groupByCounty(villages).map(([county, vs]) => (
        <section key={county} class="county">
          <H class="county-name">{county}</H>
          <ul class="village-list">
            {vs.map((v) => (
              <li key={v.villageId}>
                <a href={`/villages/${encodeURIComponent(v.villageId)}`}>{localized(lang, v.name, v.nameEn)}</a>
                <span class="meta">
                  {v.township} · {t('villages.households')} {formatCount(v.households, lang)}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
