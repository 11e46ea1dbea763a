import { Annotations, Tags, Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { UNKNOWN_SITE_ORIGIN, exportsBucketName, mediaBucketName, siteOriginOf, webOriginsOf, type StageConfig } from './config.js';
import { ApiStack } from './stacks/api-stack.js';
import { DataStack } from './stacks/data-stack.js';
import { WebStack } from './stacks/web-stack.js';

export interface VillageLinkStacks {
  data: DataStack;
  api: ApiStack;
  web: WebStack;
}

/**
 * Adds one stage of Village Link to `app`: DataStack (stateful) → ApiStack (stateless) → WebStack (edge),
 * each depending only on the ones before it, and checks all of it against cdk-nag's AWS Solutions rules
 * (a finding fails synth until it is fixed or acknowledged with a reason).
 */
export function addVillageLink(app: App, config: StageConfig, options: { siteAssetsPath?: string } = {}): VillageLinkStacks {
  const env = { account: config.account, region: config.region };
  const prefix = `VillageLink-${config.stage}`;
  const webOrigins = webOriginsOf(config);
  const siteOrigin = siteOriginOf(config);
  const media = mediaBucketName(config);
  const exportsBucket = exportsBucketName(config);

  const data = new DataStack(app, `${prefix}-Data`, {
    env,
    description: 'Village Link: table and buckets (stateful)',
    terminationProtection: true,
    mediaBucketName: media,
    exportsBucketName: exportsBucket,
    webOrigins,
  });

  const api = new ApiStack(app, `${prefix}-Api`, {
    env,
    description: 'Village Link: sign-in, HTTP API and functions',
    stage: config.stage,
    table: data.table,
    mediaBucketName: media,
    exportsBucketName: exportsBucket,
    siteOrigin: siteOrigin ?? UNKNOWN_SITE_ORIGIN,
    webOrigins,
    authCallbackPath: config.authCallbackPath,
    authDomainPrefix: config.authDomainPrefix,
    apiThrottle: config.apiThrottle,
    alarmEmail: config.alarmEmail,
    stripeSecretName: config.stripeSecretName ?? `village-link/${config.stage}/stripe`,
  });
  if (!siteOrigin) {
    Annotations.of(api).addWarningV2(
      'village-link:siteOriginNotConfigured',
      `Stage "${config.stage}" has neither domainName nor siteOrigin: photo URLs, upload CORS and sign-in redirects ` +
        'point at a placeholder. Deploy once, copy the WebStack output SiteOrigin into stages.' +
        `${config.stage}.siteOrigin in cdk.json, and deploy again.`,
    );
  }

  // The stacks share the media bucket by its fixed name, so the order must be stated.
  api.addStackDependency(data, 'media and exports buckets by name');
  const web = new WebStack(app, `${prefix}-Web`, {
    env,
    description: 'Village Link: CloudFront distribution and front end',
    stage: config.stage,
    siteAssetsPath: options.siteAssetsPath,
    mediaBucketName: media,
    apiDomainName: api.apiDomainName,
    signIn: api.webSignIn,
    domainName: config.domainName,
    certificateArn: config.certificateArn,
    webAclArn: config.webAclArn,
  });

  web.addStackDependency(data, 'media bucket origin by name');

  for (const stack of [data, api, web]) {
    Tags.of(stack).add('project', 'village-link');
    Tags.of(stack).add('stage', config.stage);
  }
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { data, api, web };
}
