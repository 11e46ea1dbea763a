import { z } from 'zod';
import { Cursor, PageLimit, Text, Timestamp, VillageId } from './common.js';
import { BasisPoints, Fen } from './money.js';

const Count = z.number().int().min(0).max(10_000_000);
export const Year = z.coerce.number().int().min(2000).max(2100);
export type Year = z.infer<typeof Year>;

/** Last full year's figures that this year's targets are measured against. */
export const VillageBaseline = z
  .object({
    year: Year,
    salesFen: Fen,
    perCapitaIncomeFen: Fen,
  })
  .strict();
export type VillageBaseline = z.infer<typeof VillageBaseline>;

/** A village's targets for one year, as the coordination office sets them. */
export const VillageTargetsInput = z
  .object({
    perCapitaIncomeIncreaseFen: Fen,
    salesGrowthBps: BasisPoints,
  })
  .strict();
export type VillageTargetsInput = z.infer<typeof VillageTargetsInput>;

export const VillageTargets = VillageTargetsInput.extend({
  villageId: VillageId,
  year: Year,
  /** Baseline sales grown by the target rate; null when no baseline of the previous year is known. */
  salesTargetFen: Fen.nullable(),
  updatedAt: Timestamp,
});
export type VillageTargets = z.infer<typeof VillageTargets>;

/** A village's own fields, without defaults (a patch must never fill in defaults). */
const VillageFields = z
  .object({
    name: Text(60),
    nameEn: Text(120).optional(),
    province: Text(30),
    city: Text(30),
    county: Text(30),
    township: Text(30),
    story: z.string().trim().max(4000),
    storyEn: z.string().trim().max(8000).optional(),
    households: Count,
    povertyHouseholds: Count,
    population: Count.min(1),
    baseline: VillageBaseline,
  })
  .strict();

/** What an organizer supplies to register a village; `story` may be left out. */
export const VillageInput = VillageFields.extend({ story: VillageFields.shape.story.default('') }).strict();
export type VillageInput = z.input<typeof VillageInput>;

/** Editable after creation. Location is fixed: sales history by county must not move with a typo fix. */
export const VillagePatch = VillageFields.omit({ province: true, city: true, county: true })
  .partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'send at least one field to change' });
export type VillagePatch = z.infer<typeof VillagePatch>;

export const Village = VillageFields.extend({
  villageId: VillageId,
  story: z.string(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: z.number().int().min(1),
});
export type Village = z.infer<typeof Village>;

/** A village as shown on its own page: with this year's targets, if set. */
export const VillageDetail = Village.extend({
  targets: z.array(VillageTargets),
});
export type VillageDetail = z.infer<typeof VillageDetail>;

/** Checks the cross-field rules zod's per-field checks cannot express. Returns the offending field. */
export function villageRuleViolation(v: { households?: number; povertyHouseholds?: number }): string | undefined {
  if (v.households !== undefined && v.povertyHouseholds !== undefined && v.povertyHouseholds > v.households) {
    return 'povertyHouseholds';
  }
  return undefined;
}

export const VillageQuery = z
  .object({
    county: Text(30).optional(),
    limit: PageLimit,
    cursor: Cursor.optional(),
  })
  .strict();
export type VillageQuery = z.infer<typeof VillageQuery>;
