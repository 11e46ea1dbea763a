/** `z.core` for the Lambda bundles: zod's core, with only the English locale (see zod-english.ts). */
export * from '../../node_modules/zod/v4/core/index.js';
export * as locales from './zod-english-locales.js';
