import { describe, expect, it } from 'vitest';
import { MAX_FEN, applyBasisPoints } from '../../../../shared/domain/money.js';

describe('applyBasisPoints', () => {
  it('applies whole rates exactly', () => {
    // Prepare / Act / Assess
    expect(applyBasisPoints(16_800, 10_000)).toBe(16_800);
    expect(applyBasisPoints(16_800, 0)).toBe(0);
    expect(applyBasisPoints(16_800, 5_000)).toBe(8_400);
    expect(applyBasisPoints(0, 9_999)).toBe(0);
    expect(applyBasisPoints(120_000_000, 1_500)).toBe(18_000_000);
  });

  it('rounds half away from zero and everything else to the nearest fen', () => {
    // Prepare: amount × bps / 10 000 lands exactly on .5, just below it, and just above it.
    const cases: [amount: number, bps: number, expected: number][] = [
      [1, 5_000, 1], // 0.5
      [3, 5_000, 2], // 1.5
      [5, 5_000, 3], // 2.5 (banker's rounding would give 2)
      [1, 4_999, 0], // 0.4999
      [1, 5_001, 1], // 0.5001
      [10_001, 5_000, 5_001], // 5000.5
      [9_999, 1, 1], // 0.9999
      [4_999, 1, 0], // 0.4999
      [-3, 5_000, -2], // -1.5: away from zero
      [-1, 4_999, 0], // -0.4999
      [-10_001, 5_000, -5_001], // -5000.5
    ];
    // Act
    const results = cases.map(([amount, bps]) => applyBasisPoints(amount, bps));
    // Assess
    expect(results).toEqual(cases.map(([, , expected]) => expected));
  });

  it('stays exact for the largest amounts and rates', () => {
    // Prepare / Act / Assess: 999 999 999 × 9 999 / 10 000 = 999 899 999.0001; × 3 333 = 333 299 999.6667.
    expect(applyBasisPoints(MAX_FEN, 1_000_000)).toBe(100_000_000_000);
    expect(applyBasisPoints(MAX_FEN, 10_000)).toBe(MAX_FEN);
    expect(applyBasisPoints(999_999_999, 9_999)).toBe(999_899_999);
    expect(applyBasisPoints(999_999_999, 3_333)).toBe(333_300_000);
    expect(applyBasisPoints(999_999_999, 999_999)).toBe(99_999_899_900);
    expect(Number.isInteger(applyBasisPoints(987_654_321, 123_457))).toBe(true);
  });
});
