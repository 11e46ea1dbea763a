import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Page } from './api';
import { useI18n, type MessageKey } from './i18n';

export interface Async<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload(): void;
  setData(data: T): void;
}

/** Runs `load` when `deps` change, aborting the previous run; keeps only the latest answer. */
export function useAsync<T>(load: (signal: AbortSignal) => Promise<T>, deps: unknown[]): Async<T> {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const ctl = new AbortController();
    setState((s) => ({ data: s.data, loading: true }));
    load(ctl.signal).then(
      (data) => !ctl.signal.aborted && setState({ data, loading: false }),
      (error: unknown) => !ctl.signal.aborted && setState({ error, loading: false }),
    );
    return () => ctl.abort();
  }, [...deps, tick]);
  return {
    data: state.data,
    error: state.error,
    loading: state.loading,
    reload: useCallback(() => setTick((n) => n + 1), []),
    setData: useCallback((data: T) => setState({ data, loading: false }), []),
  };
}

export interface Paged<T> {
  items: T[];
  error: unknown;
  loading: boolean;
  hasMore: boolean;
  loadMore(): void;
  reload(): void;
  /** Replaces one loaded item (after an edit) or prepends a new one. */
  upsert(item: T, same: (a: T) => boolean): void;
}

/** A cursor-paged list: the first page loads when `deps` change, later pages on `loadMore`. */
export function usePaged<T>(
  fetchPage: (cursor: string | null, signal: AbortSignal) => Promise<Page<T>>,
  deps: unknown[],
): Paged<T> {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const ctlRef = useRef<AbortController | null>(null);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;

  const run = useCallback((from: string | null, append: boolean) => {
    ctlRef.current?.abort();
    const ctl = new AbortController();
    ctlRef.current = ctl;
    setLoading(true);
    setError(undefined);
    fetchRef.current(from, ctl.signal).then(
      (page) => {
        if (ctl.signal.aborted) return;
        setItems((prev) => (append ? [...prev, ...page.items] : page.items));
        setCursor(page.nextCursor);
        setLoading(false);
      },
      (err: unknown) => {
        if (ctl.signal.aborted) return;
        setError(err);
        setLoading(false);
      },
    );
  }, []);

  useEffect(() => {
    setItems([]);
    setCursor(null);
    run(null, false);
    return () => ctlRef.current?.abort();
  }, [...deps, tick]);

  return {
    items,
    error,
    loading,
    hasMore: cursor !== null,
    loadMore: () => cursor !== null && !loading && run(cursor, true),
    reload: () => setTick((n) => n + 1),
    upsert: (item, same) =>
      setItems((prev) => (prev.some(same) ? prev.map((p) => (same(p) ? item : p)) : [item, ...prev])),
  };
}

/** Sets the document title for the current page, in the current language. */
export function useTitle(title: string | MessageKey | undefined, isKey = false): void {
  const { lang, t } = useI18n();
  const text = title === undefined ? undefined : isKey ? t(title as MessageKey) : title;
  useEffect(() => {
    document.title = text ? `${text} · ${t('app.name')}` : `${t('app.name')} · ${t('app.tagline')}`;
  }, [text, lang]);
}
