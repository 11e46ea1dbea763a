import { formatBps, formatFen } from '../../format';
import { useI18n } from '../../i18n';
import { breakdownRows } from './figures';

/** A breakdown of sales (by channel, category, organisation, village) as a table, largest first, with shares. */
export function Breakdown(props: { id: string; title: string; keyHeader: string; data: Record<string, number>; label: (key: string) => string; href?: (key: string) => string | null; empty?: string }) {
  const { lang, t } = useI18n();
  const rows = breakdownRows(props.data);
  return (
    <section class="panel breakdown" aria-labelledby={props.id}>
      <h3 id={props.id}>{props.title}</h3>
      {rows.length === 0 ? (
        <p class="empty">{props.empty ?? t('impact.rep.noSales')}</p>
      ) : (
        <div class="table-scroll" tabIndex={0} role="region" aria-labelledby={props.id}>
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{props.keyHeader}</th>
                <th scope="col" class="num">
                  {t('impact.rep.amount')}
                </th>
                <th scope="col" class="num">
                  {t('impact.rep.share')}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const href = props.href?.(r.key);
                return (
                  <tr key={r.key}>
                    <th scope="row">{href ? <a href={href}>{props.label(r.key)}</a> : props.label(r.key)}</th>
                    <td class="num">{formatFen(r.fen)}</td>
                    <td class="num">{r.shareBps === null ? '—' : formatBps(r.shareBps, lang)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
