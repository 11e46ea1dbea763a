import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { stageConfigFrom, type StageConfig } from '../../infra/config.js';
import { REPO_ROOT } from '../../infra/constructs/village-function.js';
import { addVillageLink, type VillageLinkStacks } from '../../infra/village-link.js';

/** cdk.json's context (feature flags and stages), so tests synthesize what `cdk synth` would. */
export const CDK_CONTEXT: Record<string, unknown> = JSON.parse(readFileSync(join(REPO_ROOT, 'cdk.json'), 'utf8')).context;

export const ACCOUNT = '123456789012';
export const SITE_ORIGIN = 'https://d111111abcdef8.cloudfront.net';
export const DEV_ORIGIN = 'http://localhost:5173';

/** A stage like a deployed one without a custom domain: its CloudFront address is already known. */
export const CLOUDFRONT_STAGE = stageConfigFrom(
  { stage: 'test', stages: { test: { account: ACCOUNT, siteOrigin: SITE_ORIGIN, extraWebOrigins: [DEV_ORIGIN] } } },
  ACCOUNT,
);

/** A stage with its own domain, certificate and web ACL. */
export const CUSTOM_DOMAIN_STAGE = stageConfigFrom(
  {
    stage: 'prod',
    stages: {
      prod: {
        account: ACCOUNT,
        domainName: 'shop.example.cn',
        certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555',
        webAclArn: 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/village-link/abcd',
        alarmEmail: 'ops@example.cn',
      },
    },
  },
  ACCOUNT,
);

export interface Synthesized {
  app: App;
  stacks: VillageLinkStacks;
  outdir: string;
  data: Template;
  api: Template;
  web: Template;
  /** Removes the temporary cloud assembly (and site fixture). */
  cleanUp(): void;
}

/**
 * Builds and synthesizes a whole stage once. Bundling (esbuild) runs only when asked for: templates do not
 * depend on the bundle's contents. `withSite` adds a tiny built front end so the site's BucketDeployments exist.
 * `stageAssets` copies assets into the assembly without bundling, for tests that read a file an asset holds.
 */
export function synthesize(config: StageConfig, options: { bundle?: boolean; withSite?: boolean; stageAssets?: boolean } = {}): Synthesized {
  const outdir = mkdtempSync(join(tmpdir(), 'village-link-cdk-'));
  let siteAssetsPath: string | undefined;
  if (options.withSite) {
    siteAssetsPath = join(outdir, 'site');
    mkdirSync(join(siteAssetsPath, 'assets'), { recursive: true });
    writeFileSync(join(siteAssetsPath, 'index.html'), '<!doctype html><script type="module" src="/assets/app.js"></script>');
    writeFileSync(join(siteAssetsPath, 'assets', 'app.js'), 'console.log("village link")');
  }
  const app = new App({
    outdir: join(outdir, 'cdk.out'),
    context: {
      ...CDK_CONTEXT,
      'aws:cdk:enable-asset-metadata': true,
      // Without bundling, assets are not copied into the assembly either (the AWS CLI layer alone is 21 MB).
      ...(options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] }),
      ...(options.bundle || options.stageAssets ? {} : { 'aws:cdk:disable-asset-staging': true }),
    },
  });
  const stacks = addVillageLink(app, config, { siteAssetsPath });
  app.synth();
  return {
    app,
    stacks,
    outdir: join(outdir, 'cdk.out'),
    data: Template.fromStack(stacks.data),
    api: Template.fromStack(stacks.api),
    web: Template.fromStack(stacks.web),
    cleanUp: () => rmSync(outdir, { recursive: true, force: true }),
  };
}

/** One resource of a synthesized template. */
export interface TemplateResource {
  Type: string;
  Properties: Record<string, unknown>;
  Metadata?: Record<string, string>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
}

/** The resources of one type in a template, by logical id. */
export function resourcesOf(template: Template, type: string): [string, TemplateResource][] {
  return Object.entries(template.findResources(type)) as [string, TemplateResource][];
}
