import { describe, expect, it } from 'vitest';
import { safeNext } from './auth';

describe('safeNext', () => {
  it('follows same-site paths only', () => {
    expect(safeNext('/group-buys/gb_1?x=1')).toBe('/group-buys/gb_1?x=1');
    expect(safeNext('//evil.example/')).toBeNull();
    expect(safeNext('https://evil.example/')).toBeNull();
    expect(safeNext('javascript:alert(1)')).toBeNull();
    expect(safeNext('')).toBeNull();
    expect(safeNext(null)).toBeNull();
  });
});
