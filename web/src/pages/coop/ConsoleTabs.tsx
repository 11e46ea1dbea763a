import { useI18n, type MessageKey } from '../../i18n';

export type Tab = 'products' | 'orders' | 'pick-list';
const TABS: [Tab, MessageKey][] = [
  ['products', 'coop.myProducts'],
  ['orders', 'coop.orders'],
  ['pick-list', 'coop.pickList'],
];

export const tabOf = (raw: string | null): Tab => (raw === 'orders' || raw === 'pick-list' ? raw : 'products');

/** The console's sections as links (`?tab=`), so each has a URL and back/forward moves between them. */
export function ConsoleTabs({ current }: { current: Tab }) {
  const { t } = useI18n();
  return (
    <nav class="tabs no-print" aria-label={t('coop.sections')}>
      <ul>
        {TABS.map(([tab, label]) => (
          <li key={tab}>
            <a href={tab === 'products' ? '/coop' : `/coop?tab=${tab}`} aria-current={tab === current ? 'page' : undefined}>
              {t(label)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
