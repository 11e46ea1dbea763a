/**
 * zod's classic namespace (`z`) with English-only `locales` and `core.locales` (see zod-english.ts). An
 * explicit export takes precedence over the same name arriving through `export *`, which is what swaps them.
 *
 * zod's files are named by path because the alias also rewrites every `zod/…` subpath (esbuild aliases a
 * package together with its subpaths).
 */
export * from '../../node_modules/zod/v4/classic/external.js';
export * as locales from './zod-english-locales.js';
export * as core from './zod-english-core.js';
