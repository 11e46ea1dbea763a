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
import { VillageDetail } from './pages/VillageDetail';
import { Villages } from './pages/Villages';

// Only cooperatives use the console: it loads on first visit to /coop.
const CoopConsole = lazyPage(() => import('./pages/coop/Console').then((m) => m.CoopConsole));

function route(path: string): ComponentChildren {
  const p = path.length > 1 ? path.replace(/\/+$/, '') : path;
  let m: Record<string, string> | null;
  if (p === '/') return <Home />;
  if (p === '/villages') return <Villages />;
  if ((m = matchRoute('/villages/:id', p))) return <VillageDetail key={m.id} id={m.id ?? ''} />;
  if (p === '/products') return <Products />;
  if ((m = matchRoute('/products/:id', p))) return <ProductDetail key={m.id} id={m.id ?? ''} />;
  if (p === '/sign-in') return <SignIn />;
  if (p === '/coop') return <CoopConsole />;
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
