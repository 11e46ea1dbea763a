import { handle } from 'hono/aws-lambda';
import { productionDeps } from '../api/production-deps.js';
import { createWebhookApp } from './app.js';

export const handler = handle(createWebhookApp(productionDeps()));
