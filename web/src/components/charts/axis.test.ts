import { describe, expect, it } from 'vitest';
import { compactYuan, longMonth, shortMonth } from './axis';

describe('chart axis labels', () => {
  it('shows whole yuan, in 万 or 亿 in Chinese, truncated (a tick never claims more)', () => {
    expect(compactYuan(12_345_600)).toBe('¥12.3万');
    expect(compactYuan(1_000_000)).toBe('¥1万');
    expect(compactYuan(999_999)).toBe('¥9999');
    expect(compactYuan(25_000_000_000)).toBe('¥2.5亿');
    expect(compactYuan(-12_345_600)).toBe('-¥12.3万');
    expect(compactYuan(0)).toBe('¥0');
  });

  it('uses k and M in English', () => {
    expect(compactYuan(12_345_600, 'en')).toBe('¥123.4k');
    expect(compactYuan(250_000_000, 'en')).toBe('¥2.5M');
    expect(compactYuan(99_900, 'en')).toBe('¥999');
  });

  it('names months in the chosen language', () => {
    expect(shortMonth('2026-03', 'zh')).toBe('3月');
    expect(shortMonth('2026-03', 'en')).toBe('Mar');
    expect(longMonth('2026-11', 'zh')).toBe('2026年11月');
    expect(longMonth('2026-11', 'en')).toBe('Nov 2026');
  });
});
