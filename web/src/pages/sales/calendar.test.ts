import { describe, expect, it } from 'vitest';
import {
  addDays,
  finishedWeeks,
  formatDay,
  isDay,
  isIsoWeek,
  isoWeekOfDay,
  isPast,
  mondayOf,
  monthBounds,
  nextDueWeek,
  occurredAtFor,
  todayInShanghai,
  weekSpan,
} from './calendar';

describe('calendar days in Asia/Shanghai', () => {
  it('takes today from the Beijing wall clock, whatever the instant’s UTC date', () => {
    // 2026-11-21 17:30 UTC is already 01:30 on the 22nd in Beijing.
    expect(todayInShanghai(new Date('2026-11-21T17:30:00Z'))).toBe('2026-11-22');
    expect(todayInShanghai(new Date('2026-11-21T15:59:59Z'))).toBe('2026-11-21');
  });

  it('accepts real days only and adds days across months and years', () => {
    expect(isDay('2026-02-28')).toBe(true);
    expect(isDay('2026-02-29')).toBe(false);
    expect(isDay('2026-13-01')).toBe(false);
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });

  it('formats a day without shifting it by the browser’s zone', () => {
    expect(formatDay('2026-11-01', 'zh')).toBe('2026年11月1日');
    expect(formatDay('2026-11-01', 'en')).toBe('Nov 1, 2026');
  });
});

describe('monthBounds', () => {
  it('turns a month range into the first and last day, inclusive', () => {
    expect(monthBounds('2026-09', '2026-11')).toEqual({ from: '2026-09-01', to: '2026-11-30' });
    expect(monthBounds('', '2024-02')).toEqual({ to: '2024-02-29' });
  });

  it('leaves out an end that is empty or malformed', () => {
    expect(monthBounds('2026-13', 'abc')).toEqual({});
  });
});

describe('occurredAtFor', () => {
  const now = new Date('2026-11-22T02:16:00Z'); // 10:16 in Beijing

  it('is now for a sale entered on the day', () => {
    expect(occurredAtFor('2026-11-22', now)).toBe(now.toISOString());
  });

  it('is noon Beijing time for an earlier day', () => {
    expect(occurredAtFor('2026-11-20', now)).toBe('2026-11-20T12:00:00+08:00');
  });
});

describe('ISO weeks', () => {
  it('numbers weeks from the week of the first Thursday', () => {
    expect(isoWeekOfDay('2026-11-22')).toBe('2026-W47'); // a Sunday
    expect(isoWeekOfDay('2026-11-23')).toBe('2026-W48'); // the Monday after
    expect(isoWeekOfDay('2027-01-01')).toBe('2026-W53'); // 2026 has 53 weeks
    expect(isoWeekOfDay('2024-12-30')).toBe('2025-W01');
  });

  it('finds the Monday of a week and refuses weeks a year does not have', () => {
    expect(mondayOf('2026-W47')).toBe('2026-11-16');
    expect(mondayOf('2025-W01')).toBe('2024-12-30');
    expect(isIsoWeek('2026-W53')).toBe(true);
    expect(isIsoWeek('2025-W53')).toBe(false);
    expect(isIsoWeek('2026-W00')).toBe(false);
  });

  it('puts a week’s report deadline on the next Tuesday, 18:00 Beijing time', () => {
    expect(weekSpan('2026-W47')).toEqual({ monday: '2026-11-16', sunday: '2026-11-22', deadline: '2026-11-24T18:00:00+08:00' });
    expect(isPast('2026-11-24T18:00:00+08:00', Date.parse('2026-11-24T09:59:59Z'))).toBe(false);
    expect(isPast('2026-11-24T18:00:00+08:00', Date.parse('2026-11-24T10:00:00Z'))).toBe(true);
  });

  it('lists the finished weeks, newest first, none before a pairing started', () => {
    // Sunday 22 November 2026, Beijing: week 47 is still running.
    const now = new Date('2026-11-22T02:16:00Z');
    expect(finishedWeeks(now, 3)).toEqual(['2026-W46', '2026-W45', '2026-W44']);
    expect(finishedWeeks(now, 5, '2026-11-01')).toEqual(['2026-W46', '2026-W45', '2026-W44']);
  });

  it('names the week due next: last week until Tuesday 18:00, then this week', () => {
    expect(nextDueWeek(new Date('2026-11-24T09:59:00Z'))).toBe('2026-W47'); // Tuesday 17:59 Beijing
    expect(nextDueWeek(new Date('2026-11-24T10:00:00Z'))).toBe('2026-W48'); // Tuesday 18:00 Beijing
    expect(nextDueWeek(new Date('2026-11-22T02:16:00Z'))).toBe('2026-W47'); // Sunday: W46 was due last Tuesday
  });
});
