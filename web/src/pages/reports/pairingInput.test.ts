import { describe, expect, it } from 'vitest';
import { checkPairing } from './pairingInput';

const filled = { org: 'org_01', village: 'vil_01', start: '2026-03-01', target: '200,000.50', note: '' };

describe('checkPairing', () => {
  it('sends the annual target in integer fen, read from yuan as typed', () => {
    expect(checkPairing(filled).input).toEqual({ organizationId: 'org_01', villageId: 'vil_01', startDate: '2026-03-01', annualTargetFen: 20_000_050 });
    expect(checkPairing({ ...filled, target: '0.29' }).input?.annualTargetFen).toBe(29);
    expect(checkPairing({ ...filled, note: '  食堂采购  ' }).input?.note).toBe('食堂采购');
  });

  it('names each field that is missing or wrong', () => {
    expect(checkPairing({ org: '', village: '', start: '', target: '', note: '' }).errors).toEqual({
      org: 'required',
      village: 'required',
      start: 'required',
      target: 'required',
    });
    expect(checkPairing({ ...filled, target: '0' }).errors).toEqual({ target: 'amount' });
    expect(checkPairing({ ...filled, target: '12.345' }).errors).toEqual({ target: 'amount' });
    expect(checkPairing({ ...filled, start: '1/3/2026' }).errors).toEqual({ start: 'day' });
    expect(checkPairing({ ...filled, note: 'x'.repeat(501) }).errors).toEqual({ note: 'tooLong' });
  });
});
