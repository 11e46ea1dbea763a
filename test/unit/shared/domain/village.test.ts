import { describe, expect, it } from 'vitest';
import { VillagePatch, villageRuleViolation } from '../../../../shared/domain/village.js';

describe('VillagePatch', () => {
  it('rejects an empty patch and fills no defaults into a partial one', () => {
    // Prepare / Act
    const empty = VillagePatch.safeParse({});
    const nameOnly = VillagePatch.parse({ name: '新名村' });
    // Assess: a defaulted `story: ''` would wipe the stored story on every rename.
    expect(empty.success).toBe(false);
    expect(nameOnly).toEqual({ name: '新名村' });
  });

  it('rejects location fields, which are fixed after creation', () => {
    // Prepare / Act / Assess
    expect(VillagePatch.safeParse({ county: '蒲江县' }).success).toBe(false);
    expect(VillagePatch.safeParse({ province: '四川省', name: 'x' }).success).toBe(false);
  });
});

describe('villageRuleViolation', () => {
  it('names povertyHouseholds when it exceeds households', () => {
    // Prepare / Act / Assess
    expect(villageRuleViolation({ households: 10, povertyHouseholds: 11 })).toBe('povertyHouseholds');
    expect(villageRuleViolation({ households: 10, povertyHouseholds: 10 })).toBeUndefined();
    expect(villageRuleViolation({ povertyHouseholds: 11 })).toBeUndefined();
  });
});
