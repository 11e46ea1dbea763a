import type { ComponentChildren } from 'preact';
import { useI18n } from '../../i18n';

export interface Ranked {
  rank: number | null;
  bottomThree: boolean;
}

export interface RankColumn<T> {
  header: string;
  cell: (row: T) => ComponentChildren;
  num?: boolean;
}

/**
 * One ranking as a table: rank, name, figures, and a flag column. The bottom three are named in a sentence
 * above the table and marked in words in their row (an icon and a tint only add to that); entries that
 * cannot be ranked on this measure come last, without a rank.
 */
export function RankTable<T extends Ranked>(props: {
  id: string;
  title: string;
  note?: string;
  rows: T[];
  rowKey: (row: T) => string;
  name: (row: T) => ComponentChildren;
  nameText: (row: T) => string;
  nameHeader: string;
  columns: RankColumn<T>[];
  moreHref?: string;
}) {
  const { t } = useI18n();
  const bottom = props.rows.filter((r) => r.bottomThree);
  return (
    <section class="panel ranking" aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      {props.note && <p class="meta">{props.note}</p>}
      <p class="bottom-summary" data-testid="bottom-summary">
        {bottom.length === 0 ? t('impact.rank.noBottom') : t('impact.rank.bottomList', { names: bottom.map(props.nameText).join(t('impact.rank.listSep')) })}
      </p>
      {props.rows.length === 0 ? (
        <p class="empty">{t('impact.rank.empty')}</p>
      ) : (
        <div class="table-scroll" tabIndex={0} role="region" aria-labelledby={props.id}>
          <table class="table rank-table">
            <thead>
              <tr>
                <th scope="col" class="num">
                  {t('impact.rank.rank')}
                </th>
                <th scope="col">{props.nameHeader}</th>
                {props.columns.map((c) => (
                  <th scope="col" key={c.header} class={c.num ? 'num' : undefined}>
                    {c.header}
                  </th>
                ))}
                <th scope="col">{t('impact.rank.flag')}</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((row) => (
                <tr key={props.rowKey(row)} class={row.bottomThree ? 'is-bottom' : undefined} data-bottom-three={row.bottomThree ? 'true' : undefined}>
                  <td class="num rank-cell">{row.rank ?? '—'}</td>
                  <th scope="row">{props.name(row)}</th>
                  {props.columns.map((c) => (
                    <td key={c.header} class={c.num ? 'num' : undefined}>
                      {c.cell(row)}
                    </td>
                  ))}
                  <td>
                    {row.bottomThree ? (
                      <span class="tag tag-bottom">
                        <span aria-hidden="true">⚠ </span>
                        {t('impact.rank.bottomThree')}
                      </span>
                    ) : row.rank === null ? (
                      <span class="meta">{t('impact.rank.unranked')}</span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {props.moreHref && (
        <p>
          <a href={props.moreHref}>{t('impact.rank.seeAll')}</a>
        </p>
      )}
    </section>
  );
}
