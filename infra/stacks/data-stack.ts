import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { HttpMethods, type Bucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { TABLE_DESIGN } from '../../shared/db/table-design.js';
import { accessLogsBucket, privateBucket } from '../constructs/private-bucket.js';

export interface DataStackProps extends StackProps {
  /** Fixed name of the media bucket (config.ts, mediaBucketName). */
  mediaBucketName: string;
  /** Fixed name of the exports bucket (config.ts, exportsBucketName). */
  exportsBucketName: string;
  /** Browser origins that upload product photos straight to the media bucket with presigned POSTs. */
  webOrigins: string[];
}

/**
 * Everything that holds data and must outlive any deploy: the single table and the buckets. Nothing here is
 * replaced or deleted by a stack update or deletion (RETAIN, deletion protection), so the stateless stacks
 * can be torn down and rebuilt freely.
 */
export class DataStack extends Stack {
  readonly table: Table;
  readonly mediaBucket: Bucket;
  readonly exportsBucket: Bucket;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);

    // Key and index names come from TABLE_DESIGN, the same constants the repositories and local table use.
    this.table = new Table(this, 'Table', {
      partitionKey: { name: TABLE_DESIGN.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE_DESIGN.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      timeToLiveAttribute: TABLE_DESIGN.ttlAttribute,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // The generated name, for tools run against a stage (`npm run seed:stage -- --table <TableName>`).
    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    for (const index of TABLE_DESIGN.globalIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        projectionType: ProjectionType.ALL,
      });
    }
    for (const index of TABLE_DESIGN.localIndexes) {
      this.table.addLocalSecondaryIndex({
        indexName: index.indexName,
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        projectionType: ProjectionType.ALL,
      });
    }

    const logs = accessLogsBucket(this, 'AccessLogs');

    this.mediaBucket = privateBucket(this, 'Media', {
      bucketName: props.mediaBucketName,
      versioned: true,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 'media/',
      // Browsers POST photos directly (presigned POST policy) and read them back when previewing.
      cors: [
        {
          allowedOrigins: props.webOrigins,
          allowedMethods: [HttpMethods.POST, HttpMethods.GET, HttpMethods.HEAD],
          allowedHeaders: ['*'],
          exposedHeaders: ['ETag'],
          maxAge: 3000,
        },
      ],
      lifecycleRules: [
        { id: 'expire-replaced-photos', noncurrentVersionExpiration: Duration.days(30), abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
    });
    // CloudFront (WebStack) serves /media/* from here through origin access control. The grant names this
    // account's distributions rather than the one distribution: naming it would make this stateful stack
    // depend on the WebStack, which already depends on this one (see config.ts, siteOriginOf).
    this.mediaBucket.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudFrontOacRead',
        effect: Effect.ALLOW,
        principals: [new ServicePrincipal('cloudfront.amazonaws.com')],
        actions: ['s3:GetObject'],
        resources: [this.mediaBucket.arnForObjects('*')],
        conditions: { ArnLike: { 'AWS:SourceArn': `arn:${this.partition}:cloudfront::${this.account}:distribution/*` } },
      }),
    );
    // Sales receipts (offline sales' proof) share the bucket's upload flow but are not for the public: CloudFront
    // may not read them, whatever the key. Only the API, which checks who is asking, reads them.
    this.mediaBucket.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudFrontNoReceipts',
        effect: Effect.DENY,
        principals: [new ServicePrincipal('cloudfront.amazonaws.com')],
        actions: ['s3:GetObject'],
        resources: [this.mediaBucket.arnForObjects('receipts/*')],
      }),
    );

    // Reports for organisers and cooperatives: generated on demand, downloaded once, never kept.
    this.exportsBucket = privateBucket(this, 'Exports', {
      bucketName: props.exportsBucketName,
      versioned: true,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 'exports/',
      lifecycleRules: [
        {
          id: 'expire-exports',
          expiration: Duration.days(7),
          noncurrentVersionExpiration: Duration.days(1),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
    });
  }
}
