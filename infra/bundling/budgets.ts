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

/**
 * Ratchets for the bundles still over their budget: the size measured when the ratchet was last set, rounded up
 * by about 5% (so unrelated work has room, while a new heavy import fails the test). Far over the budgets because
 * the bundles carry the AWS SDK, which is faster at cold start than the runtime's (infra/constructs/
 * village-function.ts, AWS_SDK_MODULES); what closes each gap is in README, "How the functions are bundled".
 * Lower a ratchet when a bundle shrinks; delete it once the bundle is within its budget, and the budget alone
 * applies again (the test says so). Never raise one to make a test pass without saying why here.
 *
 * Set 2026-11-22 from api 1,309 KB, webhook 886 KB, scheduler 873 KB.
 */
export const BUNDLE_RATCHETS_KB: Readonly<Record<string, number>> = {
  'functions/api/handler.ts': 1375,
  'functions/stripe-webhook/handler.ts': 930,
  'functions/scheduler/handler.ts': 917,
};

/** The most a bundle may weigh before the test fails: its budget, or its ratchet while it is over its budget. */
export function bundleCeilingKb(entry: string): number {
  const budget = BUNDLE_BUDGETS_KB[entry];
  if (budget === undefined) throw new Error(`${entry} has no size budget (infra/bundling/budgets.ts)`);
  return Math.max(budget, BUNDLE_RATCHETS_KB[entry] ?? budget);
}
