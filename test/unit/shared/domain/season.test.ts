import { afterEach, describe, expect, it } from 'vitest';
import type { HarvestWindow } from '../../../../shared/domain/product.js';
import { isInSeason, monthDayInShanghai, yearInShanghai } from '../../../../shared/domain/season.js';

const daysIn = (window: HarvestWindow | null, days: string[]) => days.filter((day) => isInSeason(window, day));

describe('isInSeason', () => {
  it('treats no window as all year', () => {
    // Prepare / Act / Assess
    expect(daysIn(null, ['01-01', '02-29', '06-15', '12-31'])).toEqual(['01-01', '02-29', '06-15', '12-31']);
  });

  it('includes both ends of a window within one year and nothing outside it', () => {
    // Prepare
    const summer: HarvestWindow = { start: '03-01', end: '10-31' };
    // Act
    const inside = daysIn(summer, ['02-28', '02-29', '03-01', '03-02', '06-15', '10-30', '10-31', '11-01', '12-31', '01-01']);
    // Assess
    expect(inside).toEqual(['03-01', '03-02', '06-15', '10-30', '10-31']);
  });

  it('handles a window that wraps the new year, inclusive at both ends', () => {
    // Prepare: winter bamboo shoots.
    const winter: HarvestWindow = { start: '11-15', end: '02-28' };
    // Act
    const inside = daysIn(winter, ['11-14', '11-15', '12-01', '12-31', '01-01', '01-10', '02-28', '02-29', '03-01', '06-01']);
    // Assess
    expect(inside).toEqual(['11-15', '12-01', '12-31', '01-01', '01-10', '02-28']);
  });

  it('handles one-day windows, the whole year, and the two-day wrap over new year', () => {
    // Prepare / Act / Assess
    expect(daysIn({ start: '05-01', end: '05-01' }, ['04-30', '05-01', '05-02'])).toEqual(['05-01']);
    expect(daysIn({ start: '01-01', end: '12-31' }, ['01-01', '07-01', '12-31'])).toEqual(['01-01', '07-01', '12-31']);
    expect(daysIn({ start: '12-31', end: '01-01' }, ['12-30', '12-31', '01-01', '01-02', '06-01'])).toEqual(['12-31', '01-01']);
  });
});

describe('monthDayInShanghai and yearInShanghai', () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    if (originalTz === undefined) delete process.env.TZ;
    else process.env.TZ = originalTz;
  });

  it('puts 15:59 UTC on 31 December in that Beijing day and year, and 16:00 UTC in the next', () => {
    // Prepare
    const lastMinute = new Date('2026-12-31T15:59:00Z');
    const newYear = new Date('2026-12-31T16:00:00Z');
    // Act / Assess
    expect([monthDayInShanghai(lastMinute), yearInShanghai(lastMinute)]).toEqual(['12-31', 2026]);
    expect([monthDayInShanghai(newYear), yearInShanghai(newYear)]).toEqual(['01-01', 2027]);
  });

  it('knows leap days and does not depend on the server time zone', () => {
    // Prepare: a server far west of Beijing, where these instants are still the previous day.
    process.env.TZ = 'America/Los_Angeles';
    // Act
    const days = [
      monthDayInShanghai(new Date('2026-02-28T16:00:00Z')),
      monthDayInShanghai(new Date('2028-02-28T16:00:00Z')),
      monthDayInShanghai(new Date('2026-06-30T23:30:00Z')),
    ];
    const year = yearInShanghai(new Date('2026-12-31T16:00:00Z'));
    // Assess
    expect(days).toEqual(['03-01', '02-29', '07-01']);
    expect(year).toBe(2027);
  });
});
