import { createPostConfirmationTrigger } from './app.js';
import { postConfirmationDeps } from './production-deps.js';

export const handler = createPostConfirmationTrigger(postConfirmationDeps());
