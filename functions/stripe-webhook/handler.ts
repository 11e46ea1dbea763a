import { handle } from 'hono/aws-lambda';
import { createWebhookApp } from './app.js';
import { webhookDeps } from './production-deps.js';

export const handler = handle(createWebhookApp(webhookDeps()));
