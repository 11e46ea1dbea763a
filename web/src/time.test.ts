import { describe, expect, it } from 'vitest';
import { formatDateTime } from './format';
import { formatDuration, shanghaiLocalToIso, timeLeft, toShanghaiLocal } from './time';

describe('Beijing wall-clock time ↔ instants', () => {
  it('reads a datetime-local value as Beijing time with a +08:00 offset', () => {
    expect(shanghaiLocalToIso('2026-11-25T20:00')).toBe('2026-11-25T20:00:00+08:00');
    expect(Date.parse(shanghaiLocalToIso('2026-11-25T20:00') ?? '')).toBe(Date.parse('2026-11-25T12:00:00Z'));
  });

  it('keeps 23:59:59 on the same Beijing day (15:59:59 UTC), not the next', () => {
    const iso = shanghaiLocalToIso('2026-12-31T23:59:59');
    expect(iso).toBe('2026-12-31T23:59:59+08:00');
    expect(new Date(iso ?? '').toISOString()).toBe('2026-12-31T15:59:59.000Z');
    expect(formatDateTime(iso ?? '', 'en')).toContain('Dec 31, 2026');
    // One second later is already the next year in Beijing.
    expect(new Date(shanghaiLocalToIso('2027-01-01T00:00') ?? '').toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });

  it('rejects times that do not exist', () => {
    expect(shanghaiLocalToIso('2026-02-29T10:00')).toBeNull(); // 2026 is not a leap year
    expect(shanghaiLocalToIso('2028-02-29T10:00')).toBe('2028-02-29T10:00:00+08:00');
    expect(shanghaiLocalToIso('2026-04-31T10:00')).toBeNull();
    expect(shanghaiLocalToIso('2026-11-25T24:00')).toBeNull();
    expect(shanghaiLocalToIso('2026-11-25T23:60')).toBeNull();
    expect(shanghaiLocalToIso('')).toBeNull();
    expect(shanghaiLocalToIso('2026-11-25 20:00')).toBeNull();
  });

  it('shows an instant on the Beijing clock whatever the browser’s zone', () => {
    expect(toShanghaiLocal(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01T00:00');
    expect(toShanghaiLocal(new Date('2026-12-31T15:59:59Z'), true)).toBe('2026-12-31T23:59:59');
    const back = shanghaiLocalToIso(toShanghaiLocal(new Date('2026-06-01T04:05:06Z'), true));
    expect(new Date(back ?? '').toISOString()).toBe('2026-06-01T04:05:06.000Z');
  });
});

describe('countdowns', () => {
  const now = Date.parse('2026-11-22T00:00:00Z');
  it('splits the time left into whole units', () => {
    expect(timeLeft('2026-11-23T02:03:04Z', now)).toEqual({ days: 1, hours: 2, minutes: 3, seconds: 4 });
    expect(timeLeft('2026-11-21T00:00:00Z', now)).toEqual({ days: 0, hours: 0, minutes: 0, seconds: 0 });
  });

  it('formats as days and hh:mm:ss', () => {
    const day = (n: number) => `${n}天`;
    expect(formatDuration({ days: 1, hours: 2, minutes: 3, seconds: 4 }, day)).toBe('1天 02:03:04');
    expect(formatDuration({ days: 0, hours: 0, minutes: 9, seconds: 59 }, day)).toBe('00:09:59');
  });
});
