import type { Page } from '../../../shared/domain/common.js';
import type { OfflineSaleInput, ReceiptUpload } from '../../../shared/domain/offline-sale.js';
import type { Organization } from '../../../shared/domain/organization.js';
import type { Pairing, Pledge, PledgeInput } from '../../../shared/domain/pairing.js';
import type { OrganizationReport } from '../../../shared/domain/reports.js';
import type { Sale, SaleChannel } from '../../../shared/domain/sale.js';
import type { WeeklyFigures, WeeklyReport, WeeklyReportInput } from '../../../shared/domain/weekly-report.js';
import { request } from '../api';

export type { OfflineSaleInput, Organization, OrganizationReport, Pairing, Pledge, PledgeInput, ReceiptUpload, Sale, SaleChannel };
export type { WeeklyFigures, WeeklyReport, WeeklyReportInput };

/** Filters of GET /api/sales: `from`/`to` are Asia/Shanghai days (`2026-11-01`), both inclusive. */
export interface LedgerFilter {
  villageId?: string;
  organizationId?: string;
  from?: string;
  to?: string;
  channel?: SaleChannel;
  limit?: number;
  cursor?: string | null;
}

/** `?a=1&b=2` from the defined, non-empty values. */
export function queryString(params: object): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params) as [string, unknown][]) {
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

const enc = encodeURIComponent;
const idem = (key: string) => ({ 'Idempotency-Key': key });

/** The sales ledger (impact accounting), pairings, pledges and weekly reports: the API of issue #5. */
export const salesApi = {
  /** The server's clock: a phone's may run ahead of it, and the ledger refuses sales dated in the future. */
  serverTime: () => request<{ status: 'ok'; time: string }>('GET', '/api/health'),
  /** Ledger rows, newest first: a cooperative's village sales, a leader's organisation purchases. */
  sales: (filter: LedgerFilter, signal?: AbortSignal) => request<Page<Sale>>('GET', `/api/sales${queryString(filter)}`, { signal }),
  /** A presigned POST for one receipt photo of an offline sale. */
  requestReceiptUpload: (villageId: string, contentType: string) =>
    request<ReceiptUpload>('POST', `/api/villages/${enc(villageId)}/sales/receipts`, { body: { contentType } }),
  recordOfflineSale: (villageId: string, input: OfflineSaleInput, idempotencyKey: string) =>
    request<Sale>('POST', `/api/villages/${enc(villageId)}/sales`, { body: input, headers: idem(idempotencyKey) }),
  /** Appends the exact negative of an offline sale; answers with the reversing record. */
  reverseSale: (source: string, reason: string, idempotencyKey: string) =>
    request<Sale>('POST', `/api/sales/${enc(source)}/reversal`, { body: { reason }, headers: idem(idempotencyKey) }),

  organization: (organizationId: string, signal?: AbortSignal) =>
    request<Organization>('GET', `/api/organizations/${enc(organizationId)}`, { signal }),
  pairings: (p: { villageId?: string; organizationId?: string; limit?: number; cursor?: string | null }, signal?: AbortSignal) =>
    request<Page<Pairing>>('GET', `/api/pairings${queryString(p)}`, { signal }),
  pairing: (pairingId: string, signal?: AbortSignal) => request<Pairing>('GET', `/api/pairings/${enc(pairingId)}`, { signal }),
  /** 404 when the organisation has not pledged for that year. */
  pledge: (organizationId: string, year: number, signal?: AbortSignal) =>
    request<Pledge>('GET', `/api/organizations/${enc(organizationId)}/pledges/${year}`, { signal }),
  setPledge: (organizationId: string, year: number, input: PledgeInput) =>
    request<Pledge>('PUT', `/api/organizations/${enc(organizationId)}/pledges/${year}`, { body: input }),
  organizationReport: (organizationId: string, year: number, signal?: AbortSignal) =>
    request<OrganizationReport>('GET', `/api/reports/organizations/${enc(organizationId)}?year=${year}`, { signal }),

  /** A finished week's figures from the ledger, to write the report against. */
  weeklyReportDraft: (pairingId: string, week: string, signal?: AbortSignal) =>
    request<WeeklyFigures>('GET', `/api/pairings/${enc(pairingId)}/weekly-reports/draft?week=${enc(week)}`, { signal }),
  submitWeeklyReport: (pairingId: string, input: WeeklyReportInput, idempotencyKey: string) =>
    request<WeeklyReport>('POST', `/api/pairings/${enc(pairingId)}/weekly-reports`, { body: input, headers: idem(idempotencyKey) }),
};
