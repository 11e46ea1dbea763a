import type { Rankings } from '../../api/reports';
import { formatBps, formatFen } from '../../format';
import { useI18n, type Lang } from '../../i18n';
import { useLocalName, type Named } from './names';
import { RankTable, type Ranked } from './RankTable';
import { longMonth } from '../../components/charts/axis';
import { yearSuffix } from './useReportYear';
import { throughLabel } from './YearFigures';
import { Yoy } from './Yoy';

/** The top three and every flagged entry: what a summary (the dashboard) shows of a ranking. */
export function topAndBottom<T extends Ranked>(rows: T[]): T[] {
  return rows.filter((r, i) => (i < 3 && r.rank !== null) || r.bottomThree);
}

const pct = (bps: number | null, lang: Lang) => (bps === null ? '—' : formatBps(bps, lang));

/** The four rankings of a month (一月一排名): villages by growth and by target attainment, organisations by purchases and by pledge. */
export function RankingTables({ r, compact }: { r: Rankings; compact?: boolean }) {
  const { lang, t } = useI18n();
  const localName = useLocalName();
  const q = yearSuffix(r.year);
  const village = (x: Named & { villageId: string }) => <a href={`/reports/villages/${encodeURIComponent(x.villageId)}${q}`}>{localName(x)}</a>;
  const org = (x: Named & { organizationId: string }) => <a href={`/reports/organizations/${encodeURIComponent(x.organizationId)}${q}`}>{localName(x)}</a>;
  const pick = <T extends Ranked>(rows: T[]) => (compact ? topAndBottom(rows) : rows);
  const more = compact ? `/rankings?year=${r.year}&month=${Number(r.month.slice(5))}` : undefined;
  const through = r.comparedThrough ? t('impact.rep.comparedThrough', { months: throughLabel(r.comparedThrough, lang) }) : t('impact.rep.noWholeMonth');
  return (
    <div class={compact ? 'rankings rankings-compact' : 'rankings'}>
      <RankTable
        id="rank-growth"
        title={t('impact.rank.villagesByGrowth')}
        note={through}
        rows={pick(r.villagesByGrowth)}
        rowKey={(x) => x.villageId}
        name={village}
        nameText={localName}
        nameHeader={t('impact.rep.village')}
        columns={[
          { header: t('impact.rep.yoy'), num: true, cell: (x) => <Yoy g={x} /> },
          ...(compact
            ? []
            : [
                { header: t('impact.rep.county'), cell: (x: Rankings['villagesByGrowth'][number]) => x.county },
                { header: t('impact.rep.samePeriodThisYear'), num: true, cell: (x: Rankings['villagesByGrowth'][number]) => formatFen(x.comparedSalesFen) },
                { header: t('impact.rep.samePeriodLastYear'), num: true, cell: (x: Rankings['villagesByGrowth'][number]) => formatFen(x.lastYearSameToDateFen) },
              ]),
        ]}
        moreHref={more}
      />
      <RankTable
        id="rank-attainment"
        title={t('impact.rank.villagesByAttainment')}
        note={t('impact.rank.cumulative', { month: longMonth(r.month, lang) })}
        rows={pick(r.villagesByTargetAttainment)}
        rowKey={(x) => x.villageId}
        name={village}
        nameText={localName}
        nameHeader={t('impact.rep.village')}
        columns={[
          { header: t('impact.rank.attainment'), num: true, cell: (x) => pct(x.attainmentBps, lang) },
          ...(compact
            ? []
            : [
                { header: t('impact.rep.county'), cell: (x: Rankings['villagesByTargetAttainment'][number]) => x.county },
                { header: t('impact.rank.salesToMonth'), num: true, cell: (x: Rankings['villagesByTargetAttainment'][number]) => formatFen(x.salesFen) },
                {
                  header: t('impact.rep.salesTarget'),
                  num: true,
                  cell: (x: Rankings['villagesByTargetAttainment'][number]) => (x.salesTargetFen === null ? '—' : formatFen(x.salesTargetFen)),
                },
              ]),
        ]}
        moreHref={more}
      />
      <RankTable
        id="rank-purchases"
        title={t('impact.rank.organizationsByPurchases')}
        note={t('impact.rank.cumulative', { month: longMonth(r.month, lang) })}
        rows={pick(r.organizationsByPurchases)}
        rowKey={(x) => x.organizationId}
        name={org}
        nameText={localName}
        nameHeader={t('impact.rep.organization')}
        columns={[
          { header: t('impact.rank.purchases'), num: true, cell: (x) => formatFen(x.purchasesFen) },
          ...(compact ? [] : [{ header: t('impact.rank.monthPurchases'), num: true, cell: (x: Rankings['organizationsByPurchases'][number]) => formatFen(x.monthFen) }]),
        ]}
        moreHref={more}
      />
      <RankTable
        id="rank-pledge"
        title={t('impact.rank.organizationsByPledge')}
        note={t('impact.rank.cumulative', { month: longMonth(r.month, lang) })}
        rows={pick(r.organizationsByPledgeAttainment)}
        rowKey={(x) => x.organizationId}
        name={org}
        nameText={localName}
        nameHeader={t('impact.rep.organization')}
        columns={[
          { header: t('impact.rank.attainment'), num: true, cell: (x) => pct(x.attainmentBps, lang) },
          ...(compact
            ? []
            : [
                { header: t('impact.rank.purchases'), num: true, cell: (x: Rankings['organizationsByPledgeAttainment'][number]) => formatFen(x.purchasesFen) },
                {
                  header: t('impact.rank.pledge'),
                  num: true,
                  cell: (x: Rankings['organizationsByPledgeAttainment'][number]) => (x.pledgeFen === null ? '—' : formatFen(x.pledgeFen)),
                },
              ]),
        ]}
        moreHref={more}
      />
    </div>
  );
}
