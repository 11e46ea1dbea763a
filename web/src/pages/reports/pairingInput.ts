import type { PairingInput } from '../../api/reports';
import { parseYuan } from '../../format';

export type PairingKey = 'org' | 'village' | 'start' | 'target' | 'note';
export type PairingProblem = 'required' | 'amount' | 'day' | 'tooLong';

/** Checks what an organizer typed; the annual target is read in yuan and sent in fen. */
export function checkPairing(v: { org: string; village: string; start: string; target: string; note: string }): {
  input?: PairingInput;
  errors: Partial<Record<PairingKey, PairingProblem>>;
} {
  const errors: Partial<Record<PairingKey, PairingProblem>> = {};
  if (!v.org) errors.org = 'required';
  if (!v.village) errors.village = 'required';
  if (!v.start) errors.start = 'required';
  else if (!/^\d{4}-\d{2}-\d{2}$/.test(v.start)) errors.start = 'day';
  const fen = parseYuan(v.target);
  if (!v.target.trim()) errors.target = 'required';
  else if (fen === null || fen < 1) errors.target = 'amount';
  if (v.note.trim().length > 500) errors.note = 'tooLong';
  if (Object.keys(errors).length > 0 || fen === null) return { errors };
  return {
    errors,
    input: {
      organizationId: v.org,
      villageId: v.village,
      startDate: v.start,
      annualTargetFen: fen,
      ...(v.note.trim() ? { note: v.note.trim() } : {}),
    },
  };
}
