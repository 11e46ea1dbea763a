import { useState } from 'preact/hooks';
import { api, ApiError, type Product } from '../../api';
import { ErrorNote, errorText, LoadMore, Loading } from '../../components/Status';
import { formatCount, formatDateTime, formatFen } from '../../format';
import { useAsync, usePaged, useTitle } from '../../hooks';
import { localized, unitKey, useI18n } from '../../i18n';
import { useActor } from '../../session';
import { useLocation } from '../../router';
import { ConsoleTabs, tabOf } from './ConsoleTabs';
import { PhotoManager } from './PhotoManager';
import { PickListView } from './PickList';
import { ProductForm } from './ProductForm';
import { StockForm } from './StockForm';
import { VillageOrders } from './VillageOrders';

type Mode = 'edit' | 'stock' | 'photos';

/** The cooperative's console: its village's products (on sale and withdrawn) and every change to them. */
export function CoopConsole() {
  const { t } = useI18n();
  useTitle('coop.title', true);
  const actor = useActor();
  if (actor === undefined) return <Loading />;
  if (actor?.role !== 'coop') {
    return (
      <>
        <h1>{t('coop.title')}</h1>
        {actor === null ? (
          <p class="note">
            {t('coop.needSignIn')} <a href="/sign-in?next=/coop">{t('nav.signIn')}</a>
          </p>
        ) : (
          <p class="note">{t('coop.forbidden')}</p>
        )}
      </>
    );
  }
  return <Console villageId={actor.villageId} />;
}

function Console({ villageId }: { villageId: string }) {
  const { lang, t } = useI18n();
  const village = useAsync((signal) => api.village(villageId, signal), [villageId]);
  const tab = tabOf(useLocation().query.get('tab'));
  return (
    <>
      <h1>{t('coop.title')}</h1>
      {village.data && (
        <p class="meta">
          <a href={`/villages/${encodeURIComponent(villageId)}`}>
            {t('coop.village', { name: localized(lang, village.data.name, village.data.nameEn) })}
          </a>
        </p>
      )}
      <ConsoleTabs current={tab} />
      {tab === 'orders' ? (
        <VillageOrders villageId={villageId} />
      ) : tab === 'pick-list' ? (
        <PickListView villageId={villageId} />
      ) : (
        <ProductsTab villageId={villageId} />
      )}
    </>
  );
}

function ProductsTab({ villageId }: { villageId: string }) {
  const { lang, t } = useI18n();
  const list = usePaged(
    (cursor, signal) => api.products({ villageId, status: 'all', sort: 'newest', limit: 50, cursor }, signal),
    [villageId],
  );
  const [open, setOpen] = useState<{ id: string; mode: Mode } | null>(null);
  const [flash, setFlash] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [creating, setCreating] = useState(false);

  const same = (p: Product) => (q: Product) => q.productId === p.productId;
  const saved = (p: Product, text = t('coop.saved')) => {
    list.upsert(p, same(p));
    setFlash({ kind: 'ok', text });
  };
  /** Closes a panel and returns focus to the button that opened it. */
  const close = (id: string, mode: Mode) => {
    setOpen(null);
    requestAnimationFrame(() => document.getElementById(`act-${mode}-${id}`)?.focus());
  };

  const closeCreate = () => {
    setCreating(false);
    requestAnimationFrame(() => document.getElementById('new-product-toggle')?.focus());
  };

  async function toggleStatus(p: Product) {
    setFlash(null);
    try {
      const updated = await api.updateProduct(
        p.productId,
        { status: p.status === 'active' ? 'withdrawn' : 'active' },
        p.version,
      );
      saved(updated);
    } catch (err) {
      if (err instanceof ApiError && err.status === 412) {
        const latest = await api.product(p.productId).catch(() => null);
        if (latest) list.upsert(latest, same(latest));
        return setFlash({ kind: 'error', text: t('coop.stale') });
      }
      setFlash({ kind: 'error', text: errorText(err, t) });
    }
  }

  return (
    <>
      <p class="status" role="status">
        {flash?.kind === 'ok' ? flash.text : ''}
      </p>
      {flash?.kind === 'error' && (
        <p class="note note-error" role="alert">
          {flash.text}
        </p>
      )}

      <section class="panel" aria-labelledby="new-product">
        <h2 id="new-product" class="disclosure-heading">
          <button
            type="button"
            id="new-product-toggle"
            class="disclosure"
            aria-expanded={creating}
            aria-controls="new-product-form"
            onClick={() => setCreating(!creating)}
          >
            <span aria-hidden="true" class="disclosure-icon">
              {creating ? '−' : '+'}
            </span>
            {t('coop.newProduct')}
          </button>
        </h2>
        {creating && (
          <div id="new-product-form">
            <ProductForm
              mode="create"
              villageId={villageId}
              onSaved={(p) => {
                saved(p, t('coop.created', { name: p.name }));
                closeCreate();
              }}
              onCancel={closeCreate}
            />
          </div>
        )}
      </section>

      <section aria-labelledby="my-products">
        <h2 id="my-products">{t('coop.myProducts')}</h2>
        {list.error && list.items.length === 0 ? (
          <ErrorNote error={list.error} onRetry={list.reload} />
        ) : list.items.length === 0 && list.loading ? (
          <Loading />
        ) : list.items.length === 0 ? (
          <p class="empty">{t('coop.noProducts')}</p>
        ) : (
          <ul class="coop-list">
            {list.items.map((p) => {
              const name = localized(lang, p.name, p.nameEn);
              const unit = t(unitKey(p.unit));
              const panelId = `panel-${p.productId}`;
              const toggle = (mode: Mode) => ({
                id: `act-${mode}-${p.productId}`,
                'aria-expanded': open?.id === p.productId && open.mode === mode,
                'aria-controls': panelId,
                onClick: () =>
                  setOpen(open?.id === p.productId && open.mode === mode ? null : { id: p.productId, mode }),
              });
              return (
                <li key={p.productId} class={p.status === 'withdrawn' ? 'coop-item is-withdrawn' : 'coop-item'}>
                  <div class="coop-summary">
                    <h3 class="card-title">
                      <a href={`/products/${encodeURIComponent(p.productId)}`}>{name}</a>
                    </h3>
                    <span class={p.status === 'active' ? 'tag tag-season' : 'tag tag-muted'}>
                      {p.status === 'active' ? t('coop.active') : t('products.withdrawn')}
                    </span>
                    <p class="price">{t('products.perUnit', { price: formatFen(p.priceFen), unit })}</p>
                    <p class="meta">
                      {t('products.stockLabel')} {t('products.stock', { n: formatCount(p.stock, lang), unit })} ·{' '}
                      {t('coop.updatedAt', { time: formatDateTime(p.updatedAt, lang) })}
                    </p>
                  </div>
                  <div class="actions" role="group" aria-label={t('coop.actionsFor', { name })}>
                    <button type="button" class="btn btn-small" {...toggle('edit')}>
                      {t('coop.edit')}
                    </button>
                    <button type="button" class="btn btn-small" {...toggle('stock')}>
                      {t('coop.restock')}
                    </button>
                    <button type="button" class="btn btn-small" {...toggle('photos')}>
                      {t('coop.photos')} ({p.photos.length})
                    </button>
                    <button
                      type="button"
                      class={p.status === 'active' ? 'btn btn-small btn-danger' : 'btn btn-small'}
                      onClick={() => void toggleStatus(p)}
                    >
                      {p.status === 'active' ? t('coop.withdraw') : t('coop.reactivate')}
                    </button>
                  </div>
                  {open?.id === p.productId && (
                    <div id={panelId} class="coop-panel">
                      {open.mode === 'edit' && (
                        <ProductForm
                          key={p.version}
                          mode="edit"
                          product={p}
                          onSaved={(u) => {
                            saved(u);
                            close(p.productId, 'edit');
                          }}
                          onStale={(latest) => {
                            list.upsert(latest, same(latest));
                            setFlash({ kind: 'error', text: t('coop.stale') });
                          }}
                          onCancel={() => close(p.productId, 'edit')}
                        />
                      )}
                      {open.mode === 'stock' && (
                        <StockForm
                          key={p.version}
                          product={p}
                          onSaved={(u) => {
                            saved(u, t('stock.done', { n: formatCount(u.stock, lang), unit }));
                            close(p.productId, 'stock');
                          }}
                        />
                      )}
                      {open.mode === 'photos' && <PhotoManager product={p} onSaved={(u) => saved(u)} />}
                    </div>
                  )}
                </li>
              );
            })}
          </ul>
        )}
        <LoadMore hasMore={list.hasMore} loading={list.loading && list.items.length > 0} onMore={list.loadMore} />
      </section>
    </>
  );
}
