import { createScheduledJob } from './app.js';
import { schedulerDeps } from './production-deps.js';

export const handler = createScheduledJob(schedulerDeps());
