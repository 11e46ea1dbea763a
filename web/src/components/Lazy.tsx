import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ErrorNote, Loading } from './Status';

/** Renders a component from a module loaded on first use, so rarely used pages stay out of the first load. */
export function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let cached: ComponentType<P> | undefined;
  return function LazyPage(props: P) {
    const [Page, setPage] = useState<ComponentType<P> | undefined>(() => cached);
    const [error, setError] = useState<unknown>();
    const [attempt, setAttempt] = useState(0);
    useEffect(() => {
      if (Page) return;
      let live = true;
      load().then(
        (c) => {
          cached = c;
          if (live) setPage(() => c);
        },
        (err: unknown) => live && setError(err),
      );
      return () => {
        live = false;
      };
    }, [attempt]);
    if (Page) return <Page {...props} />;
    if (error) return <ErrorNote error={error} onRetry={() => (setError(undefined), setAttempt((n) => n + 1))} />;
    return <Loading />;
  };
}
