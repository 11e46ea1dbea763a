import type { ComponentChildren } from 'preact';
import { useCart } from '../cartStore';
import { roleKey, setLang, useI18n, type Lang } from '../i18n';
import { useLocation } from '../router';
import { signOut, useActor } from '../session';

export function Header() {
  const { lang, t } = useI18n();
  const actor = useActor();
  const { path } = useLocation();
  const current = (href: string) =>
    // Pages with a nav link of their own under another link's path (/group-buys/mine, /coop/sales) mark only theirs.
    (href === '/' ? path === '/' : path === href || (path.startsWith(`${href}/`) && path !== '/group-buys/mine' && path !== '/coop/sales'))
      ? ('page' as const)
      : undefined;

  const cartCount = useCart().length;
  const buys = actor?.role !== 'coop' && actor?.role !== 'organizer';

  const links: [string, ComponentChildren][] = [
    ['/', t('nav.home')],
    ['/villages', t('nav.villages')],
    ['/products', t('nav.products')],
    ['/group-buys', t('nav.groupBuys')],
  ];
  if (actor?.role === 'leader') links.push(['/group-buys/mine', t('nav.myGroupBuys')]);
  if (buys) {
    links.push([
      '/cart',
      <>
        {t('nav.cart')}
        {cartCount > 0 && (
          <span class="badge">
            <span class="visually-hidden">{t('nav.cartCount', { n: cartCount })}</span>
            <span aria-hidden="true">{cartCount}</span>
          </span>
        )}
      </>,
    ]);
  }
  if (actor && buys) links.push(['/orders', t('nav.orders')]);
  if (actor?.role === 'coop') {
    links.push(['/coop', t('nav.coop')], ['/coop/sales', t('nav.sales')], ['/buyback', t('nav.buyback')]);
    if (actor.villageId) links.push([`/reports/villages/${actor.villageId}`, t('nav.villageProgress')]);
  }
  if (actor?.role === 'leader') links.push(['/org', t('nav.organization')], ['/buyback', t('nav.buyback')]);
  if (actor?.role === 'organizer') links.push(['/dashboard', t('nav.impact')], ['/rankings', t('nav.rankings')], ['/pairings', t('nav.pairings')], ['/buyback', t('nav.buyback')]);

  return (
    <header class="site-header">
      <a class="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <div class="header-row">
        <a class="brand" href="/">
          <span class="brand-mark" aria-hidden="true">
            村
          </span>
          <span>{t('app.name')}</span>
        </a>
        <div class="lang-switch" role="group" aria-label={t('lang.label')}>
          {(['zh', 'en'] as Lang[]).map((l) => (
            <button
              type="button"
              key={l}
              lang={l === 'zh' ? 'zh-CN' : 'en'}
              aria-pressed={lang === l}
              onClick={() => setLang(l)}
            >
              {l === 'zh' ? '中文' : 'English'}
            </button>
          ))}
        </div>
      </div>
      <nav class="header-row" aria-label={t('nav.label')}>
        <ul class="nav-links">
          {links.map(([href, label]) => (
            <li key={href}>
              <a href={href} aria-current={current(href)}>
                {label}
              </a>
            </li>
          ))}
        </ul>
        <div class="account">
          {actor ? (
            <>
              <span class="account-name">
                <span class="visually-hidden">{t('nav.account')} </span>
                {actor.displayName}
                <span class="role-tag">{t(roleKey(actor.role))}</span>
              </span>
              <button type="button" class="btn btn-small" onClick={signOut}>
                {t('nav.signOut')}
              </button>
            </>
          ) : actor === null ? (
            <a class="btn btn-small" href="/sign-in" aria-current={current('/sign-in')}>
              {t('nav.signIn')}
            </a>
          ) : null}
        </div>
      </nav>
    </header>
  );
}
