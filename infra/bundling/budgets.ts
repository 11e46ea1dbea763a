/**
 * Minified size budgets of the function bundles (issue #7), by handler entry. Every byte of a bundle is
 * parsed and compiled during a cold start, so growing past a budget should be a decision, not an accident.
 * Checked on the deployed bundles by test/infra/api-bundle.test.ts and reported by `npm run bench`.
 */
export const BUNDLE_BUDGETS_KB: Readonly<Record<string, number>> = {
  'functions/api/handler.ts': 400,
  'functions/stripe-webhook/handler.ts': 500,
  'functions/scheduler/handler.ts': 300,
};
