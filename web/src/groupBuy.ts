import type { GroupBuy } from './api';

export interface Progress {
  joined: number;
  paid: number;
  min: number;
  max: number;
  /** Still available to join. */
  left: number;
  /** The minimum is paid for: the group buy will go ahead (and the leader may close it early). */
  minReached: boolean;
  /** Widths on a 0–100 scale of the maximum, for the bar. */
  joinedPct: number;
  paidPct: number;
  minPct: number;
}

const pct = (n: number, of: number): number => (of <= 0 ? 0 : Math.min(100, Math.max(0, Math.round((n * 100) / of))));

/** Where a group buy stands against its minimum and maximum. */
export function progressOf(g: Pick<GroupBuy, 'joinedQuantity' | 'paidQuantity' | 'minQuantity' | 'maxQuantity'>): Progress {
  const joined = Math.max(0, g.joinedQuantity);
  const paid = Math.max(0, Math.min(g.paidQuantity, joined));
  return {
    joined,
    paid,
    min: g.minQuantity,
    max: g.maxQuantity,
    left: Math.max(0, g.maxQuantity - joined),
    minReached: paid >= g.minQuantity,
    joinedPct: pct(joined, g.maxQuantity),
    paidPct: pct(paid, g.maxQuantity),
    minPct: pct(g.minQuantity, g.maxQuantity),
  };
}

/** Open group buys, soonest deadline first (the API sorts so already; this keeps it so after local changes). */
export function bySoonestDeadline(a: GroupBuy, b: GroupBuy): number {
  return Date.parse(a.deadline) - Date.parse(b.deadline);
}

/** Whether buyers can still join: open and before the deadline. */
export function isJoinable(g: GroupBuy, now: number): boolean {
  return g.status === 'open' && Date.parse(g.deadline) > now && g.joinedQuantity < g.maxQuantity;
}

/** The group buy's saving per unit against the list price, in fen (never negative). */
export function savingFen(g: Pick<GroupBuy, 'listPriceFen' | 'unitPriceFen'>): number {
  return Math.max(0, g.listPriceFen - g.unitPriceFen);
}
