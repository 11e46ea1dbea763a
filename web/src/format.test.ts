import { describe, expect, it } from 'vitest';
import {
  fenToDecimal,
  formatBps,
  formatFen,
  formatHarvestWindow,
  isInSeason,
  monthDayInShanghai,
  parsePercentToBps,
  parseYuan,
  yearInShanghai,
} from './format';
import { translate } from './i18n';
import { matchRoute } from './router';

describe('money', () => {
  it('builds the exact decimal string from integer fen', () => {
    expect(fenToDecimal(16800)).toBe('168.00');
    expect(fenToDecimal(5)).toBe('0.05');
    expect(fenToDecimal(123456)).toBe('1234.56');
    expect(fenToDecimal(-129)).toBe('-1.29');
  });

  it('formats as CNY with grouping', () => {
    expect(formatFen(123456)).toBe('¥1,234.56');
    expect(formatFen(1_000_000_000)).toBe('¥10,000,000.00');
    expect(formatFen(29)).toBe('¥0.29');
  });

  it('parses typed yuan without floats', () => {
    expect(parseYuan('0.29')).toBe(29);
    expect(parseYuan('168')).toBe(16800);
    expect(parseYuan(' ¥1,234.5 ')).toBe(123450);
    expect(parseYuan('1.234')).toBeNull();
    expect(parseYuan('-1')).toBeNull();
    expect(parseYuan('abc')).toBeNull();
  });

  it('handles basis points exactly', () => {
    expect(formatBps(1500, 'zh')).toBe('15%');
    expect(formatBps(1250, 'en')).toBe('12.5%');
    expect(parsePercentToBps('85.5')).toBe(8550);
    expect(parsePercentToBps('100')).toBe(10_000);
  });
});

describe('dates', () => {
  it('uses Beijing time for today and the year', () => {
    // 2025-12-31T16:30Z is already 1 January 2026 in Shanghai.
    const instant = new Date('2025-12-31T16:30:00Z');
    expect(monthDayInShanghai(instant)).toBe('01-01');
    expect(yearInShanghai(instant)).toBe(2026);
  });

  it('formats harvest windows as calendar days', () => {
    expect(formatHarvestWindow({ start: '03-01', end: '05-31' }, 'zh')).toBe('3月1日 – 5月31日');
    expect(formatHarvestWindow({ start: '02-29', end: '03-01' }, 'en')).toBe('Feb 29 – Mar 1');
  });

  it('knows year-wrapping seasons', () => {
    const winter = { start: '11-15', end: '02-28' };
    expect(isInSeason(winter, '01-10')).toBe(true);
    expect(isInSeason(winter, '06-01')).toBe(false);
    expect(isInSeason(null, '06-01')).toBe(true);
  });
});

describe('i18n and routing', () => {
  it('interpolates and translates both languages', () => {
    expect(translate('zh', 'products.perUnit', { price: '¥168.00', unit: '只' })).toBe('¥168.00 / 只');
    expect(translate('en', 'category.grain_oil')).toBe('Grain & oil');
  });

  it('matches path patterns', () => {
    expect(matchRoute('/villages/:id', '/villages/vil_01')).toEqual({ id: 'vil_01' });
    expect(matchRoute('/villages/:id', '/villages')).toBeNull();
    expect(matchRoute('/products', '/villages')).toBeNull();
  });
});
