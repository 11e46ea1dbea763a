import { z } from 'zod';

/**
 * One deployment stage (dev, prod, …) as written under `stages.<name>` in cdk.json's context.
 * Parsed with zod so a typo in cdk.json fails synth with a message instead of deploying something odd.
 */
export const StageSettings = z
  .object({
    /** Omitted: the account the CLI's credentials belong to (or a dummy one for an offline synth). */
    account: z.string().regex(/^\d{12}$/).optional(),
    /** Cognito (Plus tier), HTTP APIs and CloudFront logging are all available in ap-southeast-1. */
    region: z.string().min(1).default('ap-southeast-1'),
    /**
     * The site's own host name (e.g. `shop.example.cn`) with an ACM certificate for it in us-east-1, where
     * CloudFront reads certificates. With it every stack knows the site origin at synth time.
     */
    domainName: z.string().min(1).optional(),
    certificateArn: z.string().startsWith('arn:').optional(),
    /**
     * Without a custom domain: the distribution's address (`https://dxxxx.cloudfront.net`), copied from the
     * WebStack output `SiteOrigin` after the first deploy. See `siteOriginOf` for why it cannot be a reference.
     */
    siteOrigin: z.url().optional(),
    /** Further browser origins allowed to upload photos and receive sign-in redirects (local dev servers). */
    extraWebOrigins: z.array(z.url()).default([]),
    /** Where the hosted sign-in page sends the browser back to, on every web origin. */
    authCallbackPath: z.string().startsWith('/').default('/auth/callback'),
    /** Prefix of the Cognito hosted-UI domain; must be unique in the region. */
    authDomainPrefix: z
      .string()
      .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/)
      .optional(),
    /**
     * Secrets Manager secret (created by an operator, never by CDK) holding the Stripe keys as JSON:
     * `{"secretKey": "sk_…", "webhookSecret": "whsec_…"}`. Default: `village-link/<stage>/stripe`.
     */
    stripeSecretName: z.string().min(1).optional(),
    /** Receives the CloudWatch alarms by e-mail; without it the alarms still exist and show in the console. */
    alarmEmail: z.email().optional(),
    /** A WAF web ACL (scope CLOUDFRONT, so created in us-east-1) to put in front of the distribution. */
    webAclArn: z.string().startsWith('arn:').optional(),
    /** Steady-state and burst request limits that the HTTP API applies to each of its routes. */
    apiThrottle: z
      .object({ rateLimit: z.number().positive(), burstLimit: z.number().int().positive() })
      .default({ rateLimit: 50, burstLimit: 100 }),
  })
  .strict()
  .refine((s) => (s.domainName === undefined) === (s.certificateArn === undefined), {
    message: 'domainName and certificateArn go together',
  });
export type StageSettings = z.infer<typeof StageSettings>;

/** A stage's settings, resolved: its name and the concrete environment to deploy to. */
export interface StageConfig extends StageSettings {
  stage: string;
  account: string;
}

/** Placeholder origin used until a stage without a custom domain knows its CloudFront address. */
export const UNKNOWN_SITE_ORIGIN = 'https://site-origin-not-configured.invalid';

/**
 * Picks the stage named by the `stage` context key out of the `stages` context map and resolves its account.
 * `fallbackAccount` lets `cdk synth` work without credentials; a deploy always runs with real ones.
 */
export function stageConfigFrom(
  context: { stage?: unknown; stages?: unknown },
  fallbackAccount: string,
): StageConfig {
  const stage = typeof context.stage === 'string' && context.stage !== '' ? context.stage : 'dev';
  // Stage names become parts of bucket names and the sign-in domain: short, lowercase, no dots.
  if (!/^[a-z][a-z0-9]{0,9}$/.test(stage)) throw new Error(`Stage name "${stage}" must be 1-10 lowercase letters or digits`);
  const stages = z.record(z.string(), z.unknown()).parse(context.stages ?? {});
  if (!(stage in stages)) throw new Error(`No stage "${stage}" under "stages" in cdk.json (known: ${Object.keys(stages).join(', ')})`);
  const settings = StageSettings.parse(stages[stage]);
  return { ...settings, stage, account: settings.account ?? fallbackAccount };
}

/**
 * The browser origin of the site, or undefined while a stage without a custom domain has not been deployed.
 *
 * Why the origin is configuration and not a CloudFormation reference: the origin is needed by the DataStack
 * (CORS of the media bucket, for presigned browser uploads) and the ApiStack (MEDIA_BASE_URL, sign-in
 * callback URLs), while the distribution that owns the address lives in the WebStack, which itself depends
 * on both (media bucket origin, HTTP API origin). A reference would close a cycle Data → Web → Api → Web.
 * With a custom domain the address is known before anything exists; without one it is known after the first
 * deploy, so the first deploy of such a stage runs with a placeholder and a synth warning.
 */
export function siteOriginOf(config: StageSettings): string | undefined {
  if (config.domainName) return `https://${config.domainName}`;
  return config.siteOrigin?.replace(/\/+$/, '');
}

/**
 * The media bucket's name, fixed per stage, account and region. A known name lets the ApiStack and WebStack
 * name the bucket without a cross-stack reference, which keeps the API role's statements readable (and their
 * cdk-nag acknowledgement exact) and the stacks independent of each other's outputs.
 */
export function mediaBucketName(config: Pick<StageConfig, 'stage' | 'account' | 'region'>): string {
  return `village-link-${config.stage}-media-${config.account}-${config.region}`;
}

/** The exports bucket's fixed name, shared by name like the media bucket's (see mediaBucketName). */
export function exportsBucketName(config: Pick<StageConfig, 'stage' | 'account' | 'region'>): string {
  return `village-link-${config.stage}-exports-${config.account}-${config.region}`;
}

/** Every origin a browser may use the site from: the site itself and any configured dev servers. */
export function webOriginsOf(config: StageSettings): string[] {
  const site = siteOriginOf(config) ?? UNKNOWN_SITE_ORIGIN;
  return [...new Set([site, ...config.extraWebOrigins.map((o) => o.replace(/\/+$/, ''))])];
}
