import { monotonicFactory } from 'ulidx';
import { ID_PREFIXES, type Clock, type IdGenerator } from '../domain/ids.js';

/** Prefixed ULIDs; monotonic so ids made in the same millisecond still sort in creation order. */
export function ulidIds(clock: Clock = systemClock): IdGenerator {
  const ulid = monotonicFactory();
  return { next: (kind) => `${ID_PREFIXES[kind]}_${ulid(clock.now().getTime())}` };
}

/** The wall clock. */
export const systemClock: Clock = { now: () => new Date() };
