/**
 * Pairings (城乡结对): an urban community or organisation paired with a village, with a joint yearly purchase
 * target; and pledges (认购承诺): what an organisation promises to buy in a year. Both are measured against the
 * ledger's sums, never against anything they store themselves.
 */
import { TZDate, tz } from '@date-fns/tz';
import { format } from 'date-fns';
import { z } from 'zod';
import { AccountId, Cursor, OrganizationId, PageLimit, Timestamp, VillageId, idOf } from './common.js';
import { PositiveFen } from './money.js';
import { OrganizationKind } from './organization.js';
import { PROGRAMME_TIME_ZONE } from './season.js';
import { Year } from './village.js';

export const PairingId = idOf('pairing');
export type PairingId = z.infer<typeof PairingId>;

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar day, `yyyy-mm-dd`, Asia/Shanghai. */
export const CalendarDay = z
  .string()
  .regex(DAY_PATTERN, { message: 'must be a day like 2026-03-01' })
  .refine(
    (day) => {
      // A malformed day is already reported by the pattern above.
      if (!DAY_PATTERN.test(day)) return true;
      const [year, month, date] = day.split('-').map(Number) as [number, number, number];
      // A day that does not exist (2026-02-30) rolls over into another when built, so it reads back differently.
      return format(new TZDate(year, month - 1, date, PROGRAMME_TIME_ZONE), 'yyyy-MM-dd', { in: tz(PROGRAMME_TIME_ZONE) }) === day;
    },
    { message: 'must be a real calendar day' },
  );
export type CalendarDay = z.infer<typeof CalendarDay>;

export const PairingInput = z
  .object({
    organizationId: OrganizationId,
    villageId: VillageId,
    /** The day the pairing starts (Asia/Shanghai); weekly reports are due from its first full week on. */
    startDate: CalendarDay,
    /** What the partner and the village aim to trade each year, in fen. */
    annualTargetFen: PositiveFen,
    note: z.string().trim().max(500).optional(),
  })
  .strict();
export type PairingInput = z.infer<typeof PairingInput>;

export const Pairing = PairingInput.extend({
  pairingId: PairingId,
  /** Names as they were when paired, so lists need no further reads. */
  organizationName: z.string(),
  organizationKind: OrganizationKind,
  villageName: z.string(),
  county: z.string(),
  createdAt: Timestamp,
  createdBy: AccountId,
});
export type Pairing = z.infer<typeof Pairing>;

export const PairingQuery = z
  .object({
    villageId: VillageId.optional(),
    organizationId: OrganizationId.optional(),
    limit: PageLimit,
    cursor: Cursor.optional(),
  })
  .strict();
export type PairingQuery = z.infer<typeof PairingQuery>;

export const PledgeInput = z
  .object({
    /** The consumption-aid purchases the organisation commits to for the year, in fen. */
    amountFen: PositiveFen,
    note: z.string().trim().max(500).optional(),
  })
  .strict();
export type PledgeInput = z.infer<typeof PledgeInput>;

export const Pledge = PledgeInput.extend({
  organizationId: OrganizationId,
  year: Year,
  updatedAt: Timestamp,
  updatedBy: AccountId,
});
export type Pledge = z.infer<typeof Pledge>;
