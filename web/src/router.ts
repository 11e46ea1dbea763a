import { createStore, useStore } from './store';

/** Minimal history router: the current path and query, kept in a store that follows pushState and popstate. */
export interface Location {
  path: string;
  query: URLSearchParams;
}

const read = (): Location =>
  typeof location === 'undefined'
    ? { path: '/', query: new URLSearchParams() } // outside a browser (unit tests)
    : { path: location.pathname, query: new URLSearchParams(location.search) };

export const locationStore = createStore<Location>(read());

export const useLocation = (): Location => useStore(locationStore);

export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  const before = location.pathname;
  if (opts.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  locationStore.set(read());
  if (!opts.replace && location.pathname !== before) window.scrollTo(0, 0);
}

/** The path with `next` merged into the current query; empty values are dropped. */
export function withQuery(loc: Location, next: Record<string, string | null>): string {
  const q = new URLSearchParams(loc.query);
  for (const [k, v] of Object.entries(next)) {
    if (v) q.set(k, v);
    else q.delete(k);
  }
  const s = q.toString();
  return s ? `${loc.path}?${s}` : loc.path;
}

/** Matches `/villages/:id` against a path; returns the decoded params or null. */
export function matchRoute(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const got = path.split('/').filter(Boolean);
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] ?? '';
    const g = got[i] ?? '';
    if (w.startsWith(':')) {
      try {
        params[w.slice(1)] = decodeURIComponent(g);
      } catch {
        return null;
      }
    } else if (w !== g) return null;
  }
  return params;
}

/** Makes every same-origin `<a href>` a client-side navigation, so pages use plain links. */
export function startRouter(): void {
  window.addEventListener('popstate', () => locationStore.set(read()));
  document.addEventListener('click', (e) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const a = (e.target as Element | null)?.closest?.('a');
    if (!a || !a.href || (a.target && a.target !== '_self') || a.hasAttribute('download')) return;
    // Pages the server renders itself (the payment simulator's pay page) need a real page load.
    if (a.hasAttribute('data-full-load')) return;
    const url = new URL(a.href);
    if (url.origin !== location.origin || url.pathname.startsWith('/api/')) return;
    // In-page anchors (the skip link) keep the browser's own scrolling and focus.
    if (url.hash && url.pathname === location.pathname && url.search === location.search) return;
    e.preventDefault();
    navigate(url.pathname + url.search + url.hash);
  });
}
