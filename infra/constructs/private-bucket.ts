import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership, type BucketProps } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

/**
 * The house defaults of every bucket: no public access, S3-managed encryption, TLS 1.2+ only, owner-enforced
 * objects, retained when its stack is deleted. `props` adds purpose (CORS, lifecycle, versioning, logging).
 *
 * S3-managed keys rather than KMS: objects are read through CloudFront OAC and written through presigned
 * POSTs, and neither needs per-key access control that KMS would add, only cost and kms: grants.
 */
export function privateBucket(scope: Construct, id: string, props: BucketProps = {}): Bucket {
  return new Bucket(scope, id, {
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    encryption: BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
    removalPolicy: RemovalPolicy.RETAIN,
    ...props,
  });
}

/**
 * A sink for S3 server access logs (and, with `acceptCloudFrontLogs`, CloudFront standard logs, which are
 * still delivered through ACLs). It does not log its own access: that would log the logging, forever.
 */
export function accessLogsBucket(scope: Construct, id: string, options: { acceptCloudFrontLogs?: boolean } = {}): Bucket {
  // cdk-nag's S1 accepts a bucket that other buckets of its stack log to, so this one needs no acknowledgement.
  return privateBucket(scope, id, {
    objectOwnership: options.acceptCloudFrontLogs ? ObjectOwnership.BUCKET_OWNER_PREFERRED : ObjectOwnership.BUCKET_OWNER_ENFORCED,
    lifecycleRules: [{ id: 'expire-logs', expiration: Duration.days(365), abortIncompleteMultipartUploadAfter: Duration.days(1) }],
  });
}
