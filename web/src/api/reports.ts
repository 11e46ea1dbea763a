/**
 * The impact-accounting API (issue #5) as the reporting pages call it: reports, rankings, pairings, weekly
 * reports, CSV exports, and the buyback totals the dashboard shows. Built on the app's one `request`.
 */
import type { GuaranteeList } from '../../../shared/domain/buyback.js';
import type { Page } from '../../../shared/domain/common.js';
import type { ExportCreated, ExportRequest } from '../../../shared/domain/export.js';
import type { Pairing, PairingInput } from '../../../shared/domain/pairing.js';
import type { ProductCategory } from '../../../shared/domain/product.js';
import type {
  CategoryReport,
  CountyReport,
  CountyVillageLine,
  Growth,
  MonthlyFigure,
  OrganizationPurchase,
  OrganizationReport,
  PairingReport,
  ProgrammeReport,
  Rankings,
  VillageReport,
  YearComparison,
  YoyStatus,
} from '../../../shared/domain/reports.js';
import type { WeeklyReportLine, WeeklyReportList, WeeklyReportStatus } from '../../../shared/domain/weekly-report.js';
import { request } from '../api';

export type {
  CategoryReport,
  CountyReport,
  CountyVillageLine,
  ExportCreated,
  ExportRequest,
  Growth,
  GuaranteeList,
  MonthlyFigure,
  OrganizationPurchase,
  OrganizationReport,
  Pairing,
  PairingInput,
  PairingReport,
  ProgrammeReport,
  Rankings,
  VillageReport,
  WeeklyReportLine,
  WeeklyReportList,
  WeeklyReportStatus,
  YearComparison,
  YoyStatus,
};

const enc = encodeURIComponent;
const idem = (key: string) => ({ 'Idempotency-Key': key });

export const reportsApi = {
  villageReport: (villageId: string, year: number, signal?: AbortSignal) =>
    request<VillageReport>('GET', `/api/reports/villages/${enc(villageId)}?year=${year}`, { signal }),
  /** The whole programme's year, with every village's line (sales and per-capita progress): the dashboard's one report. */
  programmeReport: (year: number, signal?: AbortSignal) => request<ProgrammeReport>('GET', `/api/reports/programme?year=${year}`, { signal }),
  countyReport: (county: string, year: number, signal?: AbortSignal) =>
    request<CountyReport>('GET', `/api/reports/counties/${enc(county)}?year=${year}`, { signal }),
  categoryReport: (category: ProductCategory, year: number, signal?: AbortSignal) =>
    request<CategoryReport>('GET', `/api/reports/categories/${enc(category)}?year=${year}`, { signal }),
  organizationReport: (organizationId: string, year: number, signal?: AbortSignal) =>
    request<OrganizationReport>('GET', `/api/reports/organizations/${enc(organizationId)}?year=${year}`, { signal }),
  pairingReport: (pairingId: string, year: number, signal?: AbortSignal) =>
    request<PairingReport>('GET', `/api/reports/pairings/${enc(pairingId)}?year=${year}`, { signal }),
  /** The monthly ranking, January through `month` (1–12) of `year`. */
  rankings: (year: number, month: number, signal?: AbortSignal) =>
    request<Rankings>('GET', `/api/reports/rankings?year=${year}&month=${month}`, { signal }),

  /** Pairings the caller may see (organizers: all, or filtered; leaders and cooperatives: their own). */
  pairings: (p: { villageId?: string; organizationId?: string; cursor?: string | null } = {}, signal?: AbortSignal) => {
    const q = new URLSearchParams({ limit: '100' });
    if (p.villageId) q.set('villageId', p.villageId);
    if (p.organizationId) q.set('organizationId', p.organizationId);
    if (p.cursor) q.set('cursor', p.cursor);
    return request<Page<Pairing>>('GET', `/api/pairings?${q}`, { signal });
  },
  createPairing: (input: PairingInput, idempotencyKey: string) =>
    request<Pairing>('POST', '/api/pairings', { body: input, headers: idem(idempotencyKey) }),

  /** Every pairing of an ISO week with its report status (organizers). */
  weeklyReports: (week: string, status?: WeeklyReportStatus, signal?: AbortSignal) =>
    request<WeeklyReportList>('GET', `/api/weekly-reports?week=${enc(week)}${status ? `&status=${status}` : ''}`, { signal }),

  /** Writes a CSV on the server and answers with a short-lived download link. */
  createExport: (input: ExportRequest, idempotencyKey: string) =>
    request<ExportCreated>('POST', '/api/exports', { body: input, headers: idem(idempotencyKey) }),

  /** Guarantees and their totals (utilisation, open breaches) the caller may see. */
  buybackGuarantees: (signal?: AbortSignal) => request<GuaranteeList>('GET', '/api/buyback-guarantees', { signal }),
};

/** Every page of a cursor-paged list (pairings number in the tens); stops after `maxPages` regardless. */
export async function everyPage<T>(fetchPage: (cursor: string | null) => Promise<Page<T>>, maxPages = 20): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < maxPages; i++) {
    const page: Page<T> = await fetchPage(cursor);
    out.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return out;
}
