import { join } from 'node:path';
import { CfnOutput, DefaultStackSynthesizer, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
  Function as CloudFrontFunction,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { Bucket, type CfnBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import type { Construct } from 'constructs';
import { MEDIA_PREFIX_SOURCE, SPA_ROUTING_SOURCE } from '../constructs/edge-functions.js';
import { accessLogsBucket, privateBucket } from '../constructs/private-bucket.js';
import type { WebSignIn } from './api-stack.js';

/** The file the web app reads its sign-in settings from (web/src/auth.ts fetches `/config.json`). */
export const WEB_CONFIG_FILE = 'config.json';

export interface WebStackProps extends StackProps {
  stage: string;
  /** The built front end (web/dist). Omitted: the bucket is created empty and nothing is uploaded. */
  siteAssetsPath?: string;
  /** Fixed name of the DataStack's media bucket (config.ts, mediaBucketName). */
  mediaBucketName: string;
  /** Host name of the HTTP API (`<id>.execute-api.<region>.amazonaws.com`). */
  apiDomainName: string;
  /** Cognito's hosted sign-in, from the ApiStack: written to `/config.json` for the web app. */
  signIn: WebSignIn;
  domainName?: string;
  certificateArn?: string;
  webAclArn?: string;
}

/**
 * The site as browsers see it: one CloudFront distribution serving the front end from a private bucket,
 * `/api/*` from the HTTP API and `/media/*` from the media bucket, so the app, its API and its photos share
 * one origin (no CORS for API calls, one certificate).
 */
export class WebStack extends Stack {
  readonly distribution: Distribution;
  readonly siteBucket: Bucket;

  constructor(scope: Construct, id: string, props: WebStackProps) {
    super(scope, id, props);

    // CloudFront standard logs still arrive through ACLs, hence a log bucket of this stack that accepts them.
    const logs = accessLogsBucket(this, 'Logs', { acceptCloudFrontLogs: true });
    this.siteBucket = privateBucket(this, 'SiteFiles', { serverAccessLogsBucket: logs, serverAccessLogsPrefix: 'site/' });

    // The media bucket is imported by name: handing the L2 bucket over would let CloudFront's OAC origin add
    // a policy naming this distribution to the DataStack's bucket, a reference from the stateful stack back
    // to this one. The DataStack grants this account's distributions read access instead.
    const mediaBucket = Bucket.fromBucketAttributes(this, 'MediaBucket', { bucketName: props.mediaBucketName, region: this.region });
    Validations.of(this).acknowledge({
      id: '@aws-cdk/aws-cloudfront-origins:updateImportedBucketPolicyOac',
      reason: 'The media bucket policy in the DataStack already grants CloudFront OAC read access (statement CloudFrontOacRead).',
    });

    const spaRouting = new CloudFrontFunction(this, 'SpaRouting', {
      code: FunctionCode.fromInline(SPA_ROUTING_SOURCE),
      runtime: FunctionRuntime.JS_2_0,
      comment: 'Serves /index.html for client-side routes',
    });
    const mediaPrefix = new CloudFrontFunction(this, 'MediaPrefix', {
      code: FunctionCode.fromInline(MEDIA_PREFIX_SOURCE),
      runtime: FunctionRuntime.JS_2_0,
      comment: 'Maps /media/<key> to the object <key>',
    });

    const certificate = props.certificateArn ? Certificate.fromCertificateArn(this, 'Certificate', props.certificateArn) : undefined;
    this.distribution = new Distribution(this, 'Distribution', {
      comment: `Village Link ${props.stage}`,
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.siteBucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: ResponseHeadersPolicy.SECURITY_HEADERS,
        functionAssociations: [{ function: spaRouting, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        '/api/*': {
          origin: new HttpOrigin(props.apiDomainName, {
            protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
            originSslProtocols: [OriginSslPolicy.TLS_V1_2],
          }),
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          // Every viewer header (Authorization, Idempotency-Key, …) reaches the API, except Host: API Gateway
          // routes by its own host name.
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        },
        '/media/*': {
          origin: S3BucketOrigin.withOriginAccessControl(mediaBucket),
          viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
          cachePolicy: CachePolicy.CACHING_OPTIMIZED,
          responseHeadersPolicy: ResponseHeadersPolicy.SECURITY_HEADERS,
          functionAssociations: [{ function: mediaPrefix, eventType: FunctionEventType.VIEWER_REQUEST }],
        },
      },
      ...(props.domainName && certificate
        ? { domainNames: [props.domainName], certificate, minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021 }
        : {}),
      httpVersion: HttpVersion.HTTP2_AND_3,
      // North America, Europe and Asia (including Hong Kong and Singapore), where the buyers are.
      priceClass: PriceClass.PRICE_CLASS_200,
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
      webAclId: props.webAclArn,
    });

    if (!certificate) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          'Without a custom domain the distribution uses the *.cloudfront.net certificate, whose security policy ' +
          'CloudFront fixes. Set domainName and certificateArn for the stage to get TLSv1.2_2021.',
      });
    }
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason: 'Buyers of village produce may be anywhere; no country is excluded by design.',
    });
    if (!props.webAclArn) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR2',
        reason:
          'A CloudFront web ACL must live in us-east-1; the stage setting webAclArn attaches one. Until then the ' +
          'HTTP API stage throttle and Cognito threat protection limit abuse.',
      });
    }

    this.deployWebConfig(props.signIn);
    if (props.siteAssetsPath) this.deploySite(props.siteAssetsPath);
    // BucketDeployment's provider is a CDK-owned singleton function; its findings are acknowledged on it.
    for (const child of this.node.children) {
      if (child.node.id.startsWith('Custom::CDKBucketDeployment')) this.acknowledgeDeploymentProvider(child);
    }

    new CfnOutput(this, 'SiteOrigin', {
      value: props.domainName ? `https://${props.domainName}` : `https://${this.distribution.distributionDomainName}`,
      description: 'Without a custom domain, copy this into the stage setting siteOrigin and deploy again',
    });
    new CfnOutput(this, 'DistributionId', { value: this.distribution.distributionId });
  }

  /**
   * Writes `/config.json`, which tells the web app to sign people in through Cognito's hosted UI (web/src/auth.ts;
   * without the file, as on the local stack, it uses the development sign-in). Its values are the ApiStack's
   * (cross-stack references, filled in at deploy time), so it is written on every deploy whether or not the site
   * is uploaded, revalidated by browsers and invalidated at the edge.
   */
  private deployWebConfig(signIn: WebSignIn): void {
    new BucketDeployment(this, 'DeployWebConfig', {
      sources: [Source.jsonData(WEB_CONFIG_FILE, { auth: { kind: 'cognito', ...signIn } })],
      destinationBucket: this.siteBucket,
      // Only this file: pruning would delete the site it shares the bucket with.
      prune: false,
      cacheControl: [CacheControl.noCache()],
      distribution: this.distribution,
      distributionPaths: [`/${WEB_CONFIG_FILE}`],
    });
  }

  /**
   * Uploads the built front end. Hashed files under assets/ are immutable and old ones are kept (a browser
   * holding an older index.html still finds them); everything else must be revalidated, and index.html is
   * invalidated at the edge on every deploy.
   */
  private deploySite(siteAssetsPath: string): void {
    new BucketDeployment(this, 'DeployHashedAssets', {
      sources: [Source.asset(join(siteAssetsPath, 'assets'))],
      destinationBucket: this.siteBucket,
      destinationKeyPrefix: 'assets/',
      cacheControl: [CacheControl.fromString('public, max-age=31536000, immutable')],
      prune: false,
    });
    new BucketDeployment(this, 'DeployEntryFiles', {
      sources: [Source.asset(siteAssetsPath, { exclude: ['assets/**'] })],
      destinationBucket: this.siteBucket,
      // Its pruning must spare what other deployments own: the hashed assets and the sign-in config.
      exclude: ['assets/*', WEB_CONFIG_FILE],
      cacheControl: [CacheControl.noCache()],
      distribution: this.distribution,
      distributionPaths: ['/index.html'],
    });
  }

  private acknowledgeDeploymentProvider(provider: Construct): void {
    const because = (what: string) => `CDK's BucketDeployment provider, which runs only while deploying: ${what}`;
    const copyActions = ['s3:GetBucket*', 's3:GetObject*', 's3:List*', 's3:Abort*', 's3:DeleteObject*'];
    for (const action of copyActions) {
      Validations.of(provider).acknowledge({
        id: `AwsSolutions-IAM5[Action::${action}]`,
        reason: because('CDK grants these action groups to copy from the CDK asset bucket and sync (with prune) into the site bucket.'),
      });
    }
    const assetBucket = `cdk-${DefaultStackSynthesizer.DEFAULT_QUALIFIER}-assets-${this.account}-${this.region}`;
    const siteBucketId = this.getLogicalId(this.siteBucket.node.defaultChild as CfnBucket);
    for (const resource of [`arn:${this.partition}:s3:::${assetBucket}/*`, `<${siteBucketId}.Arn>/*`]) {
      Validations.of(provider).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${resource}]`,
        reason: because('it reads every object of the CDK asset bucket it is given and writes every object of the site bucket.'),
      });
    }
    Validations.of(provider).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: because('CDK creates its role with the basic execution policy, for its own logs.'),
    });
    Validations.of(provider).acknowledge({
      id: 'AwsSolutions-L1',
      reason: because('its runtime is chosen by aws-cdk-lib and moves with it.'),
    });
    Validations.of(provider).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: because('cloudfront:CreateInvalidation and GetInvalidation, which it calls for index.html after each upload.'),
    });
  }
}
