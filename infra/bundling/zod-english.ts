/**
 * What `zod` resolves to inside the Lambda bundles (HOUSE_BUNDLING aliases `zod` to this file): zod itself,
 * unchanged, except that its `locales` namespaces hold only English. Built the way zod's own entry is
 * (zod/index.js: `z` is the namespace of classic/external.js, exported as `z` and as the default).
 *
 * Why: the shared code imports `{ z }` and @hono/zod-openapi hands `z` to extendZodWithOpenApi, so esbuild
 * must keep the whole namespace object, and with it every locale zod ships (~260 KB of the ~450 KB zod took).
 * The API never switches locale: zod's classic schemas install English as the default error map themselves
 * (`config(en())` in zod/v4/classic/schemas.js), and that import is untouched, so every 400 keeps its message.
 *
 * No alias can do better: esbuild tree-shakes a namespace only where it is imported as one (`import * as z`),
 * never one re-exported by value (`export { z }` here, or `export * as z`), measured. Sources that wrote
 * `import * as z from 'zod'` would shrink zod in the webhook and scheduler bundles from ~188 to ~99 KB
 * (README, "How the functions are bundled"); the api keeps it whole for @hono/zod-openapi either way.
 */
import * as z from './zod-english-external.js';

export * from './zod-english-external.js';
export { z, z as default };
