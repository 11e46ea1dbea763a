import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mediaBucketName } from '../../infra/config.js';
import { createTableInput } from '../../shared/db/create-table.js';
import { TABLE_DESIGN } from '../../shared/db/table-design.js';
import { CLOUDFRONT_STAGE, DEV_ORIGIN, SITE_ORIGIN, resourcesOf, synthesize, type Synthesized } from './synth.js';

let synth: Synthesized;
beforeAll(() => {
  synth = synthesize(CLOUDFRONT_STAGE);
});
afterAll(() => synth.cleanUp());

const bucketsByPrefix = (prefix: string) => resourcesOf(synth.data, 'AWS::S3::Bucket').filter(([id]) => id.startsWith(prefix));
const onlyBucket = (prefix: string) => {
  const found = bucketsByPrefix(prefix);
  expect(found).toHaveLength(1);
  return found[0]!;
};

describe('DataStack table', () => {
  it('has the key schema, attributes and indexes of TABLE_DESIGN, as the local table does', () => {
    // Prepare: the CreateTable request the local stack and tests use.
    const local = createTableInput('ignored');

    // Act
    const [, table] = resourcesOf(synth.data, 'AWS::DynamoDB::Table')[0]!;

    // Assess
    expect(table.Properties.KeySchema).toEqual(local.KeySchema);
    expect(table.Properties.AttributeDefinitions).toEqual(expect.arrayContaining(local.AttributeDefinitions!));
    expect(table.Properties.AttributeDefinitions).toHaveLength(local.AttributeDefinitions!.length);
    expect(table.Properties.GlobalSecondaryIndexes).toEqual(local.GlobalSecondaryIndexes);
    expect(table.Properties.LocalSecondaryIndexes).toEqual(local.LocalSecondaryIndexes);
  });

  it('names every index of TABLE_DESIGN', () => {
    synth.data.hasResourceProperties('AWS::DynamoDB::Table', {
      GlobalSecondaryIndexes: TABLE_DESIGN.globalIndexes.map((g) => Match.objectLike({ IndexName: g.indexName })),
      LocalSecondaryIndexes: TABLE_DESIGN.localIndexes.map((l) => Match.objectLike({ IndexName: l.indexName })),
    });
  });

  it('is on demand, recoverable to a point in time, protected from deletion, with TTL, and retained', () => {
    synth.data.hasResource('AWS::DynamoDB::Table', {
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
        TimeToLiveSpecification: { AttributeName: TABLE_DESIGN.ttlAttribute, Enabled: true },
      }),
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  it('protects its stack from termination', () => {
    expect(synth.stacks.data.terminationProtection).toBe(true);
  });
});

describe('DataStack buckets', () => {
  it('blocks public access, encrypts, and retains every bucket', () => {
    const buckets = resourcesOf(synth.data, 'AWS::S3::Bucket');
    expect(buckets.length).toBe(3); // media, exports, access logs
    for (const [, bucket] of buckets) {
      expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(bucket.Properties.BucketEncryption).toEqual({
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      });
      expect(bucket.DeletionPolicy).toBe('Retain');
      expect(bucket.UpdateReplacePolicy).toBe('Retain');
    }
  });

  it('denies every request that is not TLS 1.2+, on every bucket', () => {
    const policies = resourcesOf(synth.data, 'AWS::S3::BucketPolicy');
    expect(policies.length).toBe(3);
    for (const [, policy] of policies) {
      expect(policy.Properties.PolicyDocument).toMatchObject({
        Statement: expect.arrayContaining([
          expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } }),
        ]),
      });
    }
  });

  it('logs access to the media and exports buckets', () => {
    for (const prefix of ['Media', 'Exports']) {
      const [, bucket] = onlyBucket(prefix);
      expect(bucket.Properties.LoggingConfiguration).toMatchObject({ DestinationBucketName: { Ref: expect.stringMatching(/^AccessLogs/) } });
    }
  });

  it('names the media bucket as the other stacks expect, versions it, and lets the web origins POST photos to it', () => {
    const [, media] = onlyBucket('Media');
    expect(media.Properties.BucketName).toBe(mediaBucketName(CLOUDFRONT_STAGE));
    expect(media.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(media.Properties.CorsConfiguration).toEqual({
      CorsRules: [
        {
          AllowedOrigins: [SITE_ORIGIN, DEV_ORIGIN],
          AllowedMethods: ['POST', 'GET', 'HEAD'],
          AllowedHeaders: ['*'],
          ExposedHeaders: ['ETag'],
          MaxAge: 3000,
        },
      ],
    });
  });

  it('lets CloudFront distributions of this account, and nobody else, read media objects', () => {
    const [mediaId] = onlyBucket('Media');
    synth.data.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: mediaId },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'CloudFrontOacRead',
            Effect: 'Allow',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Action: 's3:GetObject',
            Condition: { ArnLike: { 'AWS:SourceArn': `arn:aws:cloudfront::${CLOUDFRONT_STAGE.account}:distribution/*` } },
          }),
          // Sales receipts are never served to the public, even by a distribution of this account.
          Match.objectLike({
            Sid: 'CloudFrontNoReceipts',
            Effect: 'Deny',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Action: 's3:GetObject',
            Resource: Match.objectLike({ 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp('/receipts/\\*$')])] }),
          }),
        ]),
      },
    });
  });

  it('versions the exports bucket and expires exports after 7 days', () => {
    const [, exportsBucket] = onlyBucket('Exports');
    expect(exportsBucket.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(exportsBucket.Properties.LifecycleConfiguration).toMatchObject({
      Rules: [expect.objectContaining({ Status: 'Enabled', ExpirationInDays: 7, NoncurrentVersionExpiration: { NoncurrentDays: 1 } })],
    });
  });
});
