import { handle } from 'hono/aws-lambda';
import { createApp } from './app.js';
import { productionDeps } from './production-deps.js';

export const handler = handle(createApp(productionDeps()));
