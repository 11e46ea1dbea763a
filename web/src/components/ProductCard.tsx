import type { Product, Village } from '../api';
import { formatFen, isInSeason } from '../format';
import { categoryKey, localized, unitKey, useI18n } from '../i18n';

/** One product in a grid: photo, name (the link), price per unit, origin and season. */
export function ProductCard({
  product: p,
  village,
  level = 3,
}: {
  product: Product;
  village?: Village | undefined;
  level?: 2 | 3;
}) {
  const H = level === 2 ? 'h2' : 'h3';
  const { lang, t } = useI18n();
  const photo = p.photos[0];
  const name = localized(lang, p.name, p.nameEn);
  return (
    <li class="card product-card">
      <div class="card-photo">
        {photo ? (
          <img src={photo.url} alt="" loading="lazy" decoding="async" width={320} height={240} />
        ) : (
          <span class="photo-placeholder" aria-hidden="true">
            {t(categoryKey(p.category))}
          </span>
        )}
      </div>
      <div class="card-body">
        <H class="card-title">
          <a href={`/products/${encodeURIComponent(p.productId)}`} class="stretched-link">
            {name}
          </a>
        </H>
        <p class="price">{t('products.perUnit', { price: formatFen(p.priceFen), unit: t(unitKey(p.unit)) })}</p>
        <p class="meta">
          {village ? `${localized(lang, village.name, village.nameEn)} · ${p.county}` : p.county}
        </p>
        <p class="tags">
          <span class="tag">{t(categoryKey(p.category))}</span>
          {p.harvestWindow && isInSeason(p.harvestWindow) && <span class="tag tag-season">{t('products.inSeason')}</span>}
          {p.stock === 0 && <span class="tag tag-muted">{t('products.soldOut')}</span>}
          {p.status === 'withdrawn' && <span class="tag tag-muted">{t('products.withdrawn')}</span>}
        </p>
      </div>
    </li>
  );
}
