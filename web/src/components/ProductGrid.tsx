import type { Product } from '../api';
import type { Paged } from '../hooks';
import { useI18n } from '../i18n';
import { useAllVillages } from '../villages';
import { ProductCard } from './ProductCard';
import { ErrorNote, LoadMore, Loading } from './Status';

/** A paged grid of product cards with its loading, empty and error states. */
export function ProductGrid({
  list,
  label,
  emptyText,
  level,
}: {
  list: Paged<Product>;
  label?: string;
  emptyText?: string;
  /** Heading level of each card's title: 2 when the grid sits right under the page's h1. */
  level?: 2 | 3;
}) {
  const { t } = useI18n();
  const villages = useAllVillages().data;
  const byId = new Map(villages?.map((v) => [v.villageId, v]));
  if (list.error && list.items.length === 0) return <ErrorNote error={list.error} onRetry={list.reload} />;
  if (!list.loading && list.items.length === 0) return <p class="empty">{emptyText ?? t('products.none')}</p>;
  return (
    <>
      {list.items.length > 0 && (
        <ul class="grid" aria-label={label}>
          {list.items.map((p) => (
            <ProductCard key={p.productId} product={p} village={byId.get(p.villageId)} level={level} />
          ))}
        </ul>
      )}
      {list.error ? (
        <ErrorNote error={list.error} onRetry={list.loadMore} />
      ) : list.items.length === 0 ? (
        <Loading />
      ) : (
        <LoadMore hasMore={list.hasMore} loading={list.loading} onMore={list.loadMore} />
      )}
    </>
  );
}
