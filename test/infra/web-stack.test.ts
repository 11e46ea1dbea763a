import { Match } from 'aws-cdk-lib/assertions';
import { CachePolicy, OriginRequestPolicy } from 'aws-cdk-lib/aws-cloudfront';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mediaBucketName } from '../../infra/config.js';
import { MEDIA_PREFIX_SOURCE, SPA_ROUTING_SOURCE } from '../../infra/constructs/edge-functions.js';
import { CLOUDFRONT_STAGE, resourcesOf, synthesize, type Synthesized } from './synth.js';

let synth: Synthesized;
beforeAll(() => {
  synth = synthesize(CLOUDFRONT_STAGE, { withSite: true });
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
    expect(deployments).toHaveLength(2);
    const assets = deployments.find((d) => d.DestinationBucketKeyPrefix === 'assets/')!;
    expect(assets).toMatchObject({ Prune: false, SystemMetadata: { 'cache-control': 'public, max-age=31536000, immutable' } });
    const entry = deployments.find((d) => d.DestinationBucketKeyPrefix === undefined)!;
    expect(entry).toMatchObject({ Exclude: ['assets/*'], SystemMetadata: { 'cache-control': 'no-cache' }, DistributionPaths: ['/index.html'] });
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
