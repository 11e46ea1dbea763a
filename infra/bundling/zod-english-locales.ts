/** The one locale the Lambda bundles carry: the English messages zod installs by default (see zod-english.ts). */
export { default as en } from '../../node_modules/zod/v4/locales/en.js';
