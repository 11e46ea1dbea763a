import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { Header } from './components/Header';
import { lazyPage } from './components/Lazy';
import { useI18n } from './i18n';
import { matchRoute, useLocation } from './router';
import { Home } from './pages/Home';
import { NotFound } from './pages/NotFound';
import { ProductDetail } from './pages/ProductDetail';
import { Products } from './pages/Products';
import { SignIn } from './pages/SignIn';
import { AuthCallback } from './pages/AuthCallback';
import { VillageDetail } from './pages/VillageDetail';
import { Villages } from './pages/Villages';

// Only cooperatives use the console: it loads on first visit to /coop.
const CoopConsole = lazyPage(() => import('./pages/coop/Console').then((m) => m.CoopConsole));
// Buying and group buys load on first use too, each area in its own chunk.
const shop = () => import('./pages/shop');
const groupBuys = () => import('./pages/groupBuys');
const Cart = lazyPage(() => shop().then((m) => m.Cart));
const OrderList = lazyPage(() => shop().then((m) => m.OrderList));
const OrderDetail = lazyPage<{ id: string }>(() => shop().then((m) => m.OrderDetail));
const GroupBuyList = lazyPage(() => groupBuys().then((m) => m.GroupBuyList));
const GroupBuyDetail = lazyPage<{ id: string }>(() => groupBuys().then((m) => m.GroupBuyDetail));
const NewGroupBuy = lazyPage(() => groupBuys().then((m) => m.NewGroupBuy));
const MyGroupBuys = lazyPage(() => groupBuys().then((m) => m.MyGroupBuys));
const HandOut = lazyPage<{ id: string }>(() => groupBuys().then((m) => m.HandOut));
// Reporting, buyback guarantees and the sales ledger are used by few people: each loads as its own chunk.
const reports = () => import('./pages/reports');
const buyback = () => import('./pages/buyback');
const sales = () => import('./pages/sales');
const Dashboard = lazyPage(() => reports().then((m) => m.Dashboard));
const VillageReport = lazyPage<{ id: string }>(() => reports().then((m) => m.VillageReport));
const CountyReport = lazyPage<{ county: string }>(() => reports().then((m) => m.CountyReport));
const CategoryReport = lazyPage<{ category: string }>(() => reports().then((m) => m.CategoryReport));
const OrganizationReport = lazyPage<{ id: string }>(() => reports().then((m) => m.OrganizationReport));
const PairingReport = lazyPage<{ id: string }>(() => reports().then((m) => m.PairingReport));
const Rankings = lazyPage(() => reports().then((m) => m.Rankings));
const Pairings = lazyPage(() => reports().then((m) => m.Pairings));
const WeeklyReports = lazyPage(() => reports().then((m) => m.WeeklyReports));
const GuaranteeList = lazyPage(() => buyback().then((m) => m.GuaranteeList));
const NewGuarantee = lazyPage(() => buyback().then((m) => m.NewGuarantee));
const GuaranteeDetail = lazyPage<{ id: string }>(() => buyback().then((m) => m.GuaranteeDetail));
const SalesLedger = lazyPage(() => sales().then((m) => m.SalesLedger));
const MyOrganization = lazyPage(() => sales().then((m) => m.MyOrganization));
const WeeklyReportForm = lazyPage<{ id: string }>(() => sales().then((m) => m.WeeklyReportForm));

function route(path: string): ComponentChildren {
  const p = path.length > 1 ? path.replace(/\/+$/, '') : path;
  let m: Record<string, string> | null;
  if (p === '/') return <Home />;
  if (p === '/villages') return <Villages />;
  if ((m = matchRoute('/villages/:id', p))) return <VillageDetail key={m.id} id={m.id ?? ''} />;
  if (p === '/products') return <Products />;
  if ((m = matchRoute('/products/:id', p))) return <ProductDetail key={m.id} id={m.id ?? ''} />;
  if (p === '/sign-in') return <SignIn />;
  if (p === '/auth/callback') return <AuthCallback />;
  if (p === '/coop') return <CoopConsole />;
  if (p === '/cart') return <Cart />;
  if (p === '/orders') return <OrderList />;
  if ((m = matchRoute('/orders/:id', p))) return <OrderDetail key={m.id} id={m.id ?? ''} />;
  if (p === '/group-buys') return <GroupBuyList />;
  if (p === '/group-buys/new') return <NewGroupBuy />;
  if (p === '/group-buys/mine') return <MyGroupBuys />;
  if ((m = matchRoute('/group-buys/:id/hand-out', p))) return <HandOut key={m.id} id={m.id ?? ''} />;
  if ((m = matchRoute('/group-buys/:id', p))) return <GroupBuyDetail key={m.id} id={m.id ?? ''} />;
  if (p === '/dashboard') return <Dashboard />;
  if ((m = matchRoute('/reports/villages/:id', p))) return <VillageReport key={m.id} id={m.id ?? ''} />;
  if ((m = matchRoute('/reports/counties/:county', p))) return <CountyReport key={m.county} county={m.county ?? ''} />;
  if ((m = matchRoute('/reports/categories/:category', p))) return <CategoryReport key={m.category} category={m.category ?? ''} />;
  if ((m = matchRoute('/reports/organizations/:id', p))) return <OrganizationReport key={m.id} id={m.id ?? ''} />;
  if ((m = matchRoute('/reports/pairings/:id', p))) return <PairingReport key={m.id} id={m.id ?? ''} />;
  if (p === '/rankings') return <Rankings />;
  if (p === '/pairings') return <Pairings />;
  if (p === '/weekly-reports') return <WeeklyReports />;
  if (p === '/buyback') return <GuaranteeList />;
  if (p === '/buyback/new') return <NewGuarantee />;
  if ((m = matchRoute('/buyback/:id', p))) return <GuaranteeDetail key={m.id} id={m.id ?? ''} />;
  if (p === '/coop/sales') return <SalesLedger />;
  if (p === '/org') return <MyOrganization />;
  if ((m = matchRoute('/pairings/:id/weekly-report', p))) return <WeeklyReportForm key={m.id} id={m.id ?? ''} />;
  return <NotFound />;
}

export function App() {
  const { t } = useI18n();
  const { path } = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const first = useRef(true);

  // After a client-side navigation, move focus to the new page's heading so screen readers announce it.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const main = mainRef.current;
    if (!main) return;
    const focusHeading = (): boolean => {
      const h1 = main.querySelector('h1');
      if (!h1) return false;
      h1.tabIndex = -1;
      h1.focus({ preventScroll: true });
      return true;
    };
    if (focusHeading()) return;
    // The heading of a page still loading (or lazily loaded) appears later: focus it then, unless the person
    // has moved focus elsewhere meanwhile.
    main.focus({ preventScroll: true });
    const observer = new MutationObserver(() => {
      if (document.activeElement !== main) return observer.disconnect();
      if (focusHeading()) observer.disconnect();
    });
    observer.observe(main, { childList: true, subtree: true });
    const timer = setTimeout(() => observer.disconnect(), 5000);
    return () => {
      observer.disconnect();
      clearTimeout(timer);
    };
  }, [path]);

  return (
    <>
      <Header />
      <main id="main" ref={mainRef} tabIndex={-1}>
        {route(path)}
      </main>
      <footer class="site-footer">
        <p>
          {t('app.name')} · {t('app.tagline')}
        </p>
      </footer>
    </>
  );
}
