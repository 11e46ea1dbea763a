import { z } from 'zod';
import { Cursor, OrganizationId, PageLimit, Text, Timestamp } from './common.js';

/** The kinds of partner that buy from villages under a pairing (城乡结对, 社会组织结对帮扶). */
export const OrganizationKind = z.enum(['community', 'social_organization', 'enterprise', 'public_unit']);
export type OrganizationKind = z.infer<typeof OrganizationKind>;

export const OrganizationInput = z
  .object({
    name: Text(80),
    nameEn: Text(160).optional(),
    kind: OrganizationKind,
    city: Text(30),
    description: z.string().trim().max(2000).default(''),
  })
  .strict();
export type OrganizationInput = z.input<typeof OrganizationInput>;

export const Organization = OrganizationInput.extend({
  organizationId: OrganizationId,
  description: z.string(),
  createdAt: Timestamp,
});
export type Organization = z.infer<typeof Organization>;

export const OrganizationQuery = z
  .object({
    kind: OrganizationKind.optional(),
    limit: PageLimit,
    cursor: Cursor.optional(),
  })
  .strict();
export type OrganizationQuery = z.infer<typeof OrganizationQuery>;
