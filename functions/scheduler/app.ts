import type { Deps } from '../../shared/domain/ports.js';
import { runDueWork } from '../../shared/domain/use-cases/scheduler.js';

/** The scheduled function: EventBridge Scheduler invokes it every minute; it logs what it did. */
export function createScheduledJob(deps: Deps) {
  return async () => {
    const result = await runDueWork(deps);
    console.log(JSON.stringify({ level: 'info', message: 'due work done', ...result }));
    return result;
  };
}
