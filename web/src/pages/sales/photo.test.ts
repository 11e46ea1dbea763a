import { describe, expect, it } from 'vitest';
import { fitWithin, MAX_EDGE, shrinkPhoto } from './photo';

describe('fitWithin', () => {
  it('scales the long edge down to the maximum, keeping the shape', () => {
    expect(fitWithin(4000, 3000, MAX_EDGE)).toEqual({ width: 1600, height: 1200 });
    expect(fitWithin(3000, 4000, MAX_EDGE)).toEqual({ width: 1200, height: 1600 });
  });

  it('never enlarges a small photo', () => {
    expect(fitWithin(800, 600, MAX_EDGE)).toEqual({ width: 800, height: 600 });
  });
});

describe('shrinkPhoto', () => {
  it('sends a small photo as it is', async () => {
    // Prepare
    const file = new File([new Uint8Array(1024)], 'receipt.png', { type: 'image/png' });
    // Act
    const sent = await shrinkPhoto(file);
    // Assess
    expect(sent).toBe(file);
  });
});
