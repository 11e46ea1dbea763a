/**
 * CSV exports of the ledger and of every report, written to the exports bucket (objects expire after 7 days)
 * and downloaded through a short-lived presigned URL.
 */
import { z } from 'zod';
import { AccountId, OrganizationId, Text, Timestamp, VillageId, idOf } from './common.js';
import { LedgerFilter } from './offline-sale.js';
import { PairingId } from './pairing.js';
import { ProductCategory } from './product.js';
import { MonthNumber } from './reports.js';
import { Year } from './village.js';

export const ExportId = idOf('export');

/** How long an export's file (and its record) is kept: the bucket's lifecycle rule deletes it after this. */
export const EXPORT_RETENTION_DAYS = 7;

export const ExportRequest = z.discriminatedUnion('kind', [
  LedgerFilter.extend({ kind: z.literal('ledger') }).strict(),
  z.object({ kind: z.literal('village_report'), villageId: VillageId, year: Year }).strict(),
  z.object({ kind: z.literal('county_report'), county: Text(30), year: Year }).strict(),
  z.object({ kind: z.literal('programme_report'), year: Year }).strict(),
  z.object({ kind: z.literal('category_report'), category: ProductCategory, year: Year }).strict(),
  z.object({ kind: z.literal('organization_report'), organizationId: OrganizationId, year: Year }).strict(),
  z.object({ kind: z.literal('rankings'), year: Year, month: MonthNumber }).strict(),
  z.object({ kind: z.literal('pairing_report'), pairingId: PairingId, year: Year }).strict(),
]);
export type ExportRequest = z.infer<typeof ExportRequest>;
export type ExportKind = ExportRequest['kind'];

/** What is kept of an export: who asked for what, and where its file is. */
export const ExportRecord = z.object({
  exportId: ExportId,
  request: ExportRequest,
  objectKey: z.string(),
  filename: z.string(),
  rowCount: z.number().int(),
  createdAt: Timestamp,
  createdBy: AccountId,
  /** When the file is deleted. */
  fileExpiresAt: Timestamp,
});
export type ExportRecord = z.infer<typeof ExportRecord>;

export const ExportCreated = z.object({
  exportId: ExportId,
  /** A presigned GET of the CSV, valid until `downloadExpiresAt`; `GET /api/exports/{exportId}` gives a fresh one. */
  downloadUrl: z.url(),
  downloadExpiresAt: Timestamp,
  filename: z.string(),
  rowCount: z.number().int(),
  fileExpiresAt: Timestamp,
});
export type ExportCreated = z.infer<typeof ExportCreated>;
