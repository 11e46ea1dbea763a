import { describe, expect, it } from 'vitest';
import {
  isoWeekOf,
  lastFinishedWeek,
  mondayOf,
  monthFromQuery,
  recentMonths,
  recentWeeks,
  reportYears,
  shanghaiToday,
  shiftWeek,
  weekDays,
  yearFromQuery,
} from './period';

describe('Beijing calendar', () => {
  it("takes today's date in Asia/Shanghai whatever the browser's zone", () => {
    // 2026-11-22 17:30 UTC is already the 23rd in Beijing.
    expect(shanghaiToday(new Date('2026-11-22T17:30:00Z'))).toEqual({ year: 2026, month: 11, day: 23 });
    expect(shanghaiToday(new Date('2026-12-31T15:59:59Z'))).toEqual({ year: 2026, month: 12, day: 31 });
    expect(shanghaiToday(new Date('2026-12-31T16:00:00Z'))).toEqual({ year: 2027, month: 1, day: 1 });
  });
});

describe('ISO weeks', () => {
  it('numbers weeks Monday to Sunday, the year being that of the Thursday', () => {
    expect(isoWeekOf({ year: 2026, month: 11, day: 22 })).toBe('2026-W47'); // a Sunday
    expect(isoWeekOf({ year: 2026, month: 11, day: 16 })).toBe('2026-W47'); // its Monday
    expect(isoWeekOf({ year: 2026, month: 11, day: 15 })).toBe('2026-W46');
    expect(isoWeekOf({ year: 2021, month: 1, day: 3 })).toBe('2020-W53');
    expect(isoWeekOf({ year: 2024, month: 12, day: 30 })).toBe('2025-W01');
  });

  it('finds the Monday of a week and refuses weeks that do not exist', () => {
    expect(mondayOf('2026-W46')).toEqual({ year: 2026, month: 11, day: 9 });
    expect(mondayOf('2020-W53')).toEqual({ year: 2020, month: 12, day: 28 });
    expect(mondayOf('2026-W53')).toEqual({ year: 2026, month: 12, day: 28 }); // 2026 starts on a Thursday: 53 weeks
    expect(mondayOf('2025-W53')).toBeNull();
    expect(mondayOf('2026-W00')).toBeNull();
    expect(mondayOf('2026-46')).toBeNull();
  });

  it('steps across year ends', () => {
    expect(shiftWeek('2026-W01', -1)).toBe('2025-W52');
    expect(shiftWeek('2020-W53', 1)).toBe('2021-W01');
    expect(recentWeeks('2026-W02', 3)).toEqual(['2026-W02', '2026-W01', '2025-W52']);
  });

  it("defaults to the last finished week in Beijing (on Sunday the week is still running)", () => {
    // Sunday 2026-11-22 10:00 in Beijing: week 47 runs until midnight, so W46 is the last finished one.
    expect(lastFinishedWeek(new Date('2026-11-22T02:00:00Z'))).toBe('2026-W46');
    // Monday 00:30 in Beijing (still Sunday in UTC): week 47 has just finished.
    expect(lastFinishedWeek(new Date('2026-11-22T16:30:00Z'))).toBe('2026-W47');
  });

  it("gives a week's first and last day", () => {
    expect(weekDays('2026-W46')).toEqual({ monday: { year: 2026, month: 11, day: 9 }, sunday: { year: 2026, month: 11, day: 15 } });
  });
});

describe('pickers', () => {
  it('offers this year and the four before it, and reads ?year= within them', () => {
    expect(reportYears(2026)).toEqual([2026, 2025, 2024, 2023, 2022]);
    expect(yearFromQuery('2025', 2026)).toBe(2025);
    expect(yearFromQuery('2027', 2026)).toBe(2026);
    expect(yearFromQuery('abc', 2026)).toBe(2026);
    expect(yearFromQuery(null, 2026)).toBe(2026);
  });

  it('reads ?year=&month= as a month that has started, else this month', () => {
    const today = { year: 2026, month: 11, day: 22 };
    expect(monthFromQuery('2026', '10', today)).toEqual({ year: 2026, month: 10 });
    expect(monthFromQuery(null, '3', today)).toEqual({ year: 2026, month: 3 });
    expect(monthFromQuery('2025', '12', today)).toEqual({ year: 2025, month: 12 });
    expect(monthFromQuery('2026', '12', today)).toEqual({ year: 2026, month: 11 });
    expect(monthFromQuery('2026', '13', today)).toEqual({ year: 2026, month: 11 });
    expect(monthFromQuery(null, null, today)).toEqual({ year: 2026, month: 11 });
  });

  it('lists recent months newest first, across the year end', () => {
    expect(recentMonths({ year: 2026, month: 2, day: 1 }, 4)).toEqual(['2026-02', '2026-01', '2025-12', '2025-11']);
  });
});
