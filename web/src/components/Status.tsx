import { ApiError } from '../api';
import { useI18n, type MessageKey, type Translate } from '../i18n';

/** A person-readable sentence for any error the API client or an upload can throw. */
export function errorText(err: unknown, t: Translate): string {
  if (err instanceof ApiError) {
    if (err.code === 'network') return t('error.network');
    const known = `error.${err.code}`;
    if (['error.unauthenticated', 'error.forbidden', 'error.not_found'].includes(known)) return t(known as MessageKey);
    return t('error.generic', { message: err.message });
  }
  return t('error.generic', { message: err instanceof Error ? err.message : String(err) });
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p class="status" role="status">
      {t('common.loading')}
    </p>
  );
}

export function ErrorNote({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <div class="note note-error" role="alert">
      <p>{errorText(error, t)}</p>
      {onRetry && (
        <button type="button" class="btn" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

/** "Load more" for cursor-paged lists; announces loading politely. */
export function LoadMore({ hasMore, loading, onMore }: { hasMore: boolean; loading: boolean; onMore: () => void }) {
  const { t } = useI18n();
  if (!hasMore && !loading) return null;
  if (loading) return <Loading />;
  return (
    <p class="load-more">
      <button type="button" class="btn" onClick={onMore}>
        {t('common.loadMore')}
      </button>
    </p>
  );
}
