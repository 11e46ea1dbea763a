import { z } from 'zod';

/** Largest amount one price or total may hold: ¥10,000,000.00. Far above any real line, far below 2^53. */
export const MAX_FEN = 1_000_000_000;

/** An amount of CNY in fen (1/100 yuan), always a whole number: money is never a float here. */
export const Fen = z.number().int().min(0).max(MAX_FEN);
export type Fen = z.infer<typeof Fen>;

/** A strictly positive amount in fen, for prices. */
export const PositiveFen = Fen.min(1);
export type PositiveFen = z.infer<typeof PositiveFen>;

/** A share or a growth rate in basis points (1% = 100 bps), so percentages stay integers too. */
export const BasisPoints = z.number().int().min(0).max(1_000_000);
export type BasisPoints = z.infer<typeof BasisPoints>;

/** Applies a basis-point rate to an amount, rounding half away from zero to whole fen. */
export function applyBasisPoints(amountFen: number, bps: number): number {
  // BigInt keeps amount × bps exact even for the largest amounts.
  const product = BigInt(amountFen) * BigInt(bps);
  const quotient = product / 10_000n;
  const remainder = product % 10_000n;
  const roundAway = remainder * 2n >= 10_000n ? 1n : remainder * 2n <= -10_000n ? -1n : 0n;
  return Number(quotient + roundAway);
}
