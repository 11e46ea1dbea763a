import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { CachePolicy, OriginRequestPolicy } from 'aws-cdk-lib/aws-cloudfront';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mediaBucketName } from '../../infra/config.js';
import { MEDIA_PREFIX_SOURCE, SPA_ROUTING_SOURCE } from '../../infra/constructs/edge-functions.js';
import { WEB_CONFIG_FILE } from '../../infra/stacks/web-stack.js';
import { CLOUDFRONT_STAGE, DEV_ORIGIN, SITE_ORIGIN, resourcesOf, synthesize, type Synthesized } from './synth.js';

let synth: Synthesized;
beforeAll(() => {
  synth = synthesize(CLOUDFRONT_STAGE, { withSite: true, stageAssets: true });
});
afterAll(() => synth.cleanUp());

interface DistributionConfig {
  DefaultRootObject: string;
  DefaultCacheBehavior: Record<string, unknown>;
  CacheBehaviors: Record<string, unknown>[];
  Origins: { Id: string; DomainName: unknown; OriginAccessControlId?: unknown; S3OriginConfig?: unknown; CustomOriginConfig?: unknown }[];
  Logging?: unknown;
  ViewerCertificate?: unknown;
}
const distributionConfig = (): DistributionConfig => {
  const [, distribution] = resourcesOf(synth.web, 'AWS::CloudFront::Distribution')[0]!;
  return distribution.Properties.DistributionConfig as DistributionConfig;
};
const behaviour = (pattern: string) => distributionConfig().CacheBehaviors.find((b) => b.PathPattern === pattern)!;
const originOf = (b: Record<string, unknown>) => distributionConfig().Origins.find((o) => o.Id === b.TargetOriginId)!;
const functionNamed = (prefix: string) => ({ 'Fn::GetAtt': [Match.stringLikeRegexp(`^${prefix}`), 'FunctionARN'] });

/** Runs a CloudFront Function source the way the cloudfront-js runtime would call it. */
function runEdgeFunction(source: string, uri: string): string {
  const handler = new Function(`${source}\nreturn handler;`)() as (event: { request: { uri: string } }) => { uri: string };
  return handler({ request: { uri } }).uri;
}

describe('WebStack distribution', () => {
  it('reaches both buckets through origin access control, never publicly', () => {
    synth.web.resourceCountIs('AWS::CloudFront::OriginAccessControl', 2);
    const s3Origins = distributionConfig().Origins.filter((o) => o.S3OriginConfig);
    expect(s3Origins).toHaveLength(2);
    for (const origin of s3Origins) {
      expect(origin.OriginAccessControlId).toEqual({ 'Fn::GetAtt': [expect.any(String), 'Id'] });
      expect(origin.S3OriginConfig).toEqual({ OriginAccessIdentity: '' });
    }
  });

  it('serves the app from the site bucket, with index.html at the root and client-side routes', () => {
    const config = distributionConfig();
    expect(config.DefaultRootObject).toBe('index.html');
    expect(JSON.stringify(originOf(config.DefaultCacheBehavior).DomainName)).toContain('SiteFiles');
    expect(config.DefaultCacheBehavior).toMatchObject({ ViewerProtocolPolicy: 'redirect-to-https' });
    synth.web.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultCacheBehavior: Match.objectLike({
          FunctionAssociations: [{ EventType: 'viewer-request', FunctionARN: functionNamed('SpaRouting') }],
        }),
      }),
    });
    // Error responses would also rewrite the API's 403/404 answers: the SPA fallback is the function's job.
    expect((config as unknown as Record<string, unknown>).CustomErrorResponses).toBeUndefined();
  });

  it('forwards /api/* to the HTTP API uncached, with every method and every viewer header but Host', () => {
    const api = behaviour('/api/*');
    expect(api).toMatchObject({
      AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
      CachePolicyId: CachePolicy.CACHING_DISABLED.cachePolicyId,
      OriginRequestPolicyId: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER.originRequestPolicyId,
      ViewerProtocolPolicy: 'https-only',
    });
    const origin = originOf(api);
    expect(origin.CustomOriginConfig).toEqual({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] });
    expect(JSON.stringify(origin.DomainName)).toContain('.execute-api.ap-southeast-1.');
  });

  it('serves /media/* from the media bucket, read-only, stripping the /media prefix', () => {
    const media = behaviour('/media/*');
    expect(media).toMatchObject({ AllowedMethods: ['GET', 'HEAD'], ViewerProtocolPolicy: 'redirect-to-https' });
    expect(originOf(media).DomainName).toBe(`${mediaBucketName(CLOUDFRONT_STAGE)}.s3.ap-southeast-1.amazonaws.com`);
    synth.web.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        CacheBehaviors: Match.arrayWith([
          Match.objectLike({ PathPattern: '/media/*', FunctionAssociations: [{ EventType: 'viewer-request', FunctionARN: functionNamed('MediaPrefix') }] }),
        ]),
      }),
    });
  });

  it('logs requests to its own log bucket and uses the default certificate without a custom domain', () => {
    expect(distributionConfig().Logging).toMatchObject({ Prefix: 'cloudfront/' });
    expect(distributionConfig().ViewerCertificate).toBeUndefined();
  });

  it('uploads the built site: hashed assets immutable and kept, entry files revalidated and invalidated', () => {
    const deployments = resourcesOf(synth.web, 'Custom::CDKBucketDeployment').map(([, d]) => d.Properties);
    expect(deployments).toHaveLength(3); // assets, entry files, and the sign-in config (below)
    const assets = deployments.find((d) => d.DestinationBucketKeyPrefix === 'assets/')!;
    expect(assets).toMatchObject({ Prune: false, SystemMetadata: { 'cache-control': 'public, max-age=31536000, immutable' } });
    const entry = deployments.find((d) => (d.DistributionPaths as string[] | undefined)?.includes('/index.html'))!;
    expect(entry.DestinationBucketKeyPrefix).toBeUndefined();
    // Its pruning spares the files the other deployments own.
    expect(entry).toMatchObject({ Exclude: ['assets/*', WEB_CONFIG_FILE], SystemMetadata: { 'cache-control': 'no-cache' } });
  });
});

describe('WebStack sign-in config', () => {
  type Deployment = { SourceObjectKeys: string[]; SourceMarkers: Record<string, unknown>[] } & Record<string, unknown>;
  /** The one deployment that writes /config.json. */
  function configDeployment(web: Synthesized): Deployment {
    const found = resourcesOf(web.web, 'Custom::CDKBucketDeployment').filter(([, d]) => JSON.stringify(d.Properties.DistributionPaths) === '["/config.json"]');
    expect(found).toHaveLength(1);
    return found[0]![1].Properties as Deployment;
  }
  /** The JSON the deployment writes (read from its staged asset), each deploy-time marker replaced by what fills it. */
  function deployedConfig(web: Synthesized): { auth: Record<string, string> } {
    const deployment = configDeployment(web);
    const assets = JSON.parse(readFileSync(join(web.outdir, `${web.stacks.web.artifactId}.assets.json`), 'utf8')) as {
      files: Record<string, { source: { path: string } }>;
    };
    const assetDir = assets.files[deployment.SourceObjectKeys[0]!.replace(/\.zip$/, '')]!.source.path;
    let text = readFileSync(join(web.outdir, assetDir, WEB_CONFIG_FILE), 'utf8');
    for (const [marker, value] of Object.entries(deployment.SourceMarkers[0]!)) text = text.split(marker).join(JSON.stringify(value).replace(/"/g, "'"));
    return JSON.parse(text) as { auth: Record<string, string> };
  }
  /** A value filled in from an ApiStack output whose name starts with `outputPrefix`. */
  const apiOutput = (outputPrefix: string) => `\\{'Fn::GetStackOutput':\\{'StackName':'VillageLink-test-Api',[^}]*'OutputName':'${outputPrefix}[0-9A-F]{8,}'\\}\\}`;

  it('writes /config.json in the shape web/src/auth.ts reads, with the user pool, web client and hosted UI of the ApiStack', () => {
    expect(deployedConfig(synth)).toEqual({
      auth: {
        kind: 'cognito',
        authority: expect.stringMatching(new RegExp(`^https://cognito-idp\\.ap-southeast-1\\.amazonaws\\.com/${apiOutput('PublishOutputRefUsers')}$`)),
        clientId: expect.stringMatching(new RegExp(`^${apiOutput('PublishOutputRefUsersWebClient')}$`)),
        hostedUiBaseUrl: expect.stringMatching(new RegExp(`^https://${apiOutput('PublishOutputRefUsersHostedUi')}\\.auth\\.ap-southeast-1\\.amazoncognito\\.com$`)),
        callbackPath: '/auth/callback',
      },
    });
  });

  it('writes it on every deploy, built site or not, without pruning the site; revalidated by browsers and invalidated at the edge', () => {
    // Prepare: a stage without a built site; the config is infrastructure and is written regardless.
    const bare = synthesize(CLOUDFRONT_STAGE);
    try {
      // Act
      const deployment = configDeployment(bare);

      // Assess
      expect(deployment).toMatchObject({
        Prune: false,
        SystemMetadata: { 'cache-control': 'no-cache' },
        DestinationBucketName: { Ref: expect.stringMatching(/^SiteFiles/) },
        DistributionId: { Ref: expect.stringMatching(/^Distribution/) },
      });
      expect(deployment.DestinationBucketKeyPrefix).toBeUndefined();
    } finally {
      bare.cleanUp();
    }
  });

  it("matches the web client's callback URLs: <each web origin>/auth/callback", () => {
    const config = deployedConfig(synth);
    const [, client] = resourcesOf(synth.api, 'AWS::Cognito::UserPoolClient')[0]!;
    expect(client.Properties.CallbackURLs).toEqual([SITE_ORIGIN, DEV_ORIGIN].map((origin) => `${origin}${config.auth.callbackPath}`));
    expect(client.Properties.CallbackURLs).toEqual(expect.arrayContaining([`${SITE_ORIGIN}/auth/callback`]));
    expect(client.Properties.LogoutURLs).toEqual([`${SITE_ORIGIN}/`, `${DEV_ORIGIN}/`]);
  });
});

describe('CloudFront Functions', () => {
  it('answers client-side routes with /index.html and leaves files alone', () => {
    expect(runEdgeFunction(SPA_ROUTING_SOURCE, '/')).toBe('/index.html');
    expect(runEdgeFunction(SPA_ROUTING_SOURCE, '/villages/vil_01JD')).toBe('/index.html');
    expect(runEdgeFunction(SPA_ROUTING_SOURCE, '/products/prd_01JD/edit')).toBe('/index.html');
    expect(runEdgeFunction(SPA_ROUTING_SOURCE, '/assets/index-3f2a1b.js')).toBe('/assets/index-3f2a1b.js');
    expect(runEdgeFunction(SPA_ROUTING_SOURCE, '/favicon.svg')).toBe('/favicon.svg');
  });

  it('maps /media/<key> to the object key the API hands out', () => {
    expect(runEdgeFunction(MEDIA_PREFIX_SOURCE, '/media/products/prd_1/pho_1.jpg')).toBe('/products/prd_1/pho_1.jpg');
    expect(runEdgeFunction(MEDIA_PREFIX_SOURCE, '/mediax/a.jpg')).toBe('/mediax/a.jpg');
  });
});
