import { productionDeps } from '../api/production-deps.js';
import { createScheduledJob } from './app.js';

export const handler = createScheduledJob(productionDeps());
