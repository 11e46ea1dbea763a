import type { Deps } from '../../shared/domain/ports.js';
import { runDueWork } from '../../shared/domain/use-cases/scheduler.js';

/**
 * What the scheduled work uses (runDueWork's own deps): no token verifier, media or exports, so the function's
 * bundle carries none of them (infra/bundling/budgets.ts).
 */
export type SchedulerDeps = Pick<Deps, 'orders' | 'groupBuys' | 'payments' | 'clock' | 'buyback' | 'products' | 'marketPrices'>;

/** The scheduled function: EventBridge Scheduler invokes it every minute; it logs what it did. */
export function createScheduledJob(deps: SchedulerDeps) {
  return async () => {
    const result = await runDueWork(deps);
    console.log(JSON.stringify({ level: 'info', message: 'due work done', ...result }));
    return result;
  };
}
