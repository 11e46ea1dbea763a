import type { Account } from '../../shared/domain/account.js';
import type { Actor } from '../../shared/domain/actor.js';
import type { Page } from '../../shared/domain/common.js';
import type { GroupBuy, GroupBuyInput, GroupBuyStatus, HandOutEntry } from '../../shared/domain/group-buy.js';
import type { FulfilmentInput, Order, OrderInput, PickList, PlacedOrder } from '../../shared/domain/order.js';
import type { PaymentSession } from '../../shared/domain/payment.js';
import type { Organization } from '../../shared/domain/organization.js';
import type {
  PhotoUpload,
  Product,
  ProductCategory,
  ProductInput,
  ProductPatch,
  StockAdjustmentInput,
} from '../../shared/domain/product.js';
import type { Village, VillageDetail } from '../../shared/domain/village.js';
import { storage } from './store';

const TOKEN_KEY = 'villageLink.token';

export const token = {
  get: (): string | null => storage.get(TOKEN_KEY),
  set: (value: string | null): void => storage.set(TOKEN_KEY, value),
};

/** Called when the API rejects the stored token (expired or revoked); the session signs out. */
let onTokenRejected: () => void = () => {};
export function whenTokenRejected(listener: () => void): void {
  onTokenRejected = listener;
}

/** An API error answer (`{ error: { code, message, field? } }`), or `network` when no answer came. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface RequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** One API call: JSON in and out, the bearer token attached, errors as ApiError. Feature clients build on it. */
export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...opts.headers };
  const bearer = token.get();
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: opts.body === undefined ? null : JSON.stringify(opts.body),
      signal: opts.signal ?? null,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network', err instanceof Error ? err.message : String(err));
  }
  const data: unknown = res.status === 204 ? undefined : await res.json().catch(() => undefined);
  if (!res.ok) {
    if (res.status === 401 && bearer) onTokenRejected();
    const e = (data as { error?: { code?: string; message?: string; field?: string } } | undefined)?.error;
    throw new ApiError(res.status, e?.code ?? `http_${res.status}`, e?.message ?? res.statusText, e?.field);
  }
  return data as T;
}

/** Builds `?a=1&b=2` from the defined, non-empty values. */
function query(params: Record<string, string | number | boolean | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** A fresh Idempotency-Key. randomUUID needs a secure context; fall back to random bytes elsewhere. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const ifMatch = (version: number) => ({ 'If-Match': `"${version}"` });

export interface ProductFilter {
  villageId?: string;
  county?: string;
  category?: ProductCategory | '';
  inSeason?: boolean;
  status?: 'active' | 'withdrawn' | 'all';
  sort?: 'newest' | 'cheapest';
  limit?: number;
  cursor?: string | null;
}

export type { Account, Actor, Organization, Page, PhotoUpload, Product, Village, VillageDetail };
export type { GroupBuy, GroupBuyInput, GroupBuyStatus, HandOutEntry, Order, OrderInput, PaymentSession, PickList, PlacedOrder };

export interface HandOutList {
  groupBuy: GroupBuy;
  entries: HandOutEntry[];
  totalQuantity: number;
}

const idem = (key: string) => ({ 'Idempotency-Key': key });
const enc = encodeURIComponent;

export const api = {
  me: () => request<{ actor: Actor }>('GET', '/api/me'),
  devAccounts: () => request<{ items: Account[] }>('GET', '/api/dev/accounts'),
  devSignIn: (accountId: string) =>
    request<{ token: string; actor: Actor }>('POST', '/api/dev/sign-in', { body: { accountId } }),

  villages: (p: { county?: string; limit?: number; cursor?: string | null } = {}, signal?: AbortSignal) =>
    request<Page<Village>>('GET', `/api/villages${query(p)}`, { signal }),
  village: (villageId: string, signal?: AbortSignal) =>
    request<VillageDetail>('GET', `/api/villages/${encodeURIComponent(villageId)}`, { signal }),
  organizations: (p: { kind?: string; limit?: number; cursor?: string | null } = {}) =>
    request<Page<Organization>>('GET', `/api/organizations${query(p)}`),

  products: (f: ProductFilter = {}, signal?: AbortSignal) =>
    request<Page<Product>>('GET', `/api/products${query({ ...f, inSeason: f.inSeason ? 'true' : undefined })}`, {
      signal,
    }),
  product: (productId: string, signal?: AbortSignal) =>
    request<Product>('GET', `/api/products/${encodeURIComponent(productId)}`, { signal }),
  createProduct: (villageId: string, input: ProductInput, idempotencyKey: string) =>
    request<Product>('POST', `/api/villages/${encodeURIComponent(villageId)}/products`, {
      body: input,
      headers: { 'Idempotency-Key': idempotencyKey },
    }),
  updateProduct: (productId: string, patch: ProductPatch, version?: number) =>
    request<Product>('PATCH', `/api/products/${encodeURIComponent(productId)}`, {
      body: patch,
      headers: version === undefined ? {} : ifMatch(version),
    }),
  adjustStock: (productId: string, input: StockAdjustmentInput, idempotencyKey: string) =>
    request<Product>('POST', `/api/products/${encodeURIComponent(productId)}/stock-adjustments`, {
      body: input,
      headers: { 'Idempotency-Key': idempotencyKey },
    }),
  requestPhotoUpload: (productId: string, contentType: string) =>
    request<PhotoUpload>('POST', `/api/products/${encodeURIComponent(productId)}/photos`, {
      body: { contentType },
    }),

  placeOrder: (input: OrderInput, idempotencyKey: string) =>
    request<PlacedOrder>('POST', '/api/orders', { body: input, headers: idem(idempotencyKey) }),
  order: (orderId: string, signal?: AbortSignal) => request<Order>('GET', `/api/orders/${enc(orderId)}`, { signal }),
  myOrders: (p: { limit?: number; cursor?: string | null } = {}, signal?: AbortSignal) =>
    request<Page<Order>>('GET', `/api/me/orders${query(p)}`, { signal }),
  /** The payment of an unpaid order, again (its buyer, from any browser); 409 once it is no longer pending_payment. */
  orderPayment: (orderId: string, signal?: AbortSignal) =>
    request<PaymentSession>('GET', `/api/orders/${enc(orderId)}/payment`, { signal }),
  cancelOrder: (orderId: string) => request<Order>('POST', `/api/orders/${enc(orderId)}/cancel`),
  fulfilOrder: (orderId: string, action: FulfilmentInput['action']) =>
    request<Order>('POST', `/api/orders/${enc(orderId)}/fulfilment`, { body: { action } }),
  villageOrders: (villageId: string, p: { limit?: number; cursor?: string | null } = {}, signal?: AbortSignal) =>
    request<Page<Order>>('GET', `/api/villages/${enc(villageId)}/orders${query(p)}`, { signal }),
  pickList: (villageId: string, signal?: AbortSignal) =>
    request<PickList>('GET', `/api/villages/${enc(villageId)}/pick-list`, { signal }),

  openGroupBuy: (input: GroupBuyInput, idempotencyKey: string) =>
    request<GroupBuy>('POST', '/api/group-buys', { body: input, headers: idem(idempotencyKey) }),
  groupBuys: (p: { status?: GroupBuyStatus; limit?: number; cursor?: string | null } = {}, signal?: AbortSignal) =>
    request<Page<GroupBuy>>('GET', `/api/group-buys${query(p)}`, { signal }),
  /** The calling leader's own group buys, newest first. */
  myGroupBuys: (p: { limit?: number; cursor?: string | null } = {}, signal?: AbortSignal) =>
    request<Page<GroupBuy>>('GET', `/api/me/group-buys${query(p)}`, { signal }),
  groupBuy: (groupBuyId: string, signal?: AbortSignal) =>
    request<GroupBuy>('GET', `/api/group-buys/${enc(groupBuyId)}`, { signal }),
  joinGroupBuy: (groupBuyId: string, quantity: number, idempotencyKey: string) =>
    request<PlacedOrder>('POST', `/api/group-buys/${enc(groupBuyId)}/joins`, {
      body: { quantity },
      headers: idem(idempotencyKey),
    }),
  leaveGroupBuy: (groupBuyId: string, orderId: string) =>
    request<Order>('DELETE', `/api/group-buys/${enc(groupBuyId)}/joins/${enc(orderId)}`),
  closeGroupBuy: (groupBuyId: string) => request<GroupBuy>('POST', `/api/group-buys/${enc(groupBuyId)}/close`),
  handOut: (groupBuyId: string, signal?: AbortSignal) =>
    request<HandOutList>('GET', `/api/group-buys/${enc(groupBuyId)}/hand-out`, { signal }),
};
