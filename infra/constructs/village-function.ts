import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData, type IAlarmAction, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { BuildOptions } from 'esbuild';

/** The repository root: entries, the lock file and esbuild's working directory are resolved from it. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Lambda runtime of every function; the bundle targets the same Node major (see HOUSE_BUNDLING.target). */
export const HOUSE_RUNTIME = Runtime.NODEJS_22_X;

/**
 * ESM output cannot call `require`, yet some bundled CommonJS dependencies do (for Node built-ins); this
 * banner gives the module a real `require` before any bundled code runs.
 */
export const ESM_REQUIRE_BANNER = "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

/**
 * The AWS SDK v3, which Lambda's Node 22 runtime also ships (NodejsFunction leaves it out of bundles by default
 * for Node 18+). Village Link bundles it anyway: HOUSE_BUNDLING's `externalModules` is empty on purpose.
 *
 * Why, measured (`npm run bench`, cold-start section; each handler imported in a fresh Node process, both ways
 * run alternately so machine load weighs on both alike; the runtime's SDK stood in for by node_modules' CommonJS
 * build, as Lambda loads it): module initialisation takes about twice as long with the SDK left to the runtime.
 * Two runs on 2026-11-22 (a 2-core machine under other work), fastest init of 20, SDK bundled → from the runtime:
 * api 447 → 902 ms, webhook 160 → 321 ms, scheduler 178 → 357 ms; medians 1.5–2× as long, every handler, both
 * runs. The runtime's SDK is loaded whole and unminified, package by package; bundled, only the parts used are
 * loaded, minified, from one file. The AWS SDK team recommends bundling when cold starts matter
 * (https://aws.amazon.com/blogs/developer/reduce-lambda-cold-start-times-migrate-to-aws-sdk-for-javascript-v3/),
 * and Lambda bills initialisation since August 2025. Bundling also runs the SDK version pinned in
 * package-lock.json, the one the tests ran, instead of whatever the runtime carries that week.
 *
 * The price is bundle size: the SDK parts used are ~350 KB minified of the webhook's and scheduler's bundles and
 * ~580 KB of the api's (S3 and its presigned POST), which puts every bundle further over its size budget
 * (infra/bundling/budgets.ts, README "How the functions are bundled"). The budgets stand for cold-start cost,
 * and on the measured cold start bundling wins; a bundle that leaves the SDK out looks smaller but loads more.
 * To take the SDK from the runtime instead, set `externalModules: [...AWS_SDK_MODULES]` (the benchmark shows
 * both ways whichever is chosen).
 */
export const AWS_SDK_MODULES = ['@aws-sdk/*'] as const;

/**
 * Package substitutions for the bundles, resolved from the repository root (esbuild's working directory).
 * `zod` becomes zod with only its English locale (infra/bundling/zod-english.ts): ~260 KB less per function.
 */
export const HOUSE_ALIASES = { zod: './infra/bundling/zod-english.ts' } as const;

/**
 * How every function is bundled. Exported so tests and the benchmark build a bundle exactly as a deploy would
 * (`esbuildOptionsOf` maps it to esbuild's own options).
 *
 * Source maps carry no sources (`sourcesContent: false`): stack traces only need the mappings.
 */
export const HOUSE_BUNDLING = {
  format: OutputFormat.ESM,
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  target: 'node22',
  mainFields: ['module', 'main'],
  banner: ESM_REQUIRE_BANNER,
  // Nothing is left to the runtime, not even the AWS SDK (see AWS_SDK_MODULES). Empty, not omitted: omitted,
  // NodejsFunction would leave @aws-sdk/* out.
  externalModules: [] as string[],
  esbuildArgs: { '--alias': Object.entries(HOUSE_ALIASES).map(([name, path]) => `${name}=${path}`) },
} satisfies BundlingOptions;

/**
 * HOUSE_BUNDLING as esbuild's own build options, mapped the way NodejsFunction maps it onto esbuild's command
 * line (platform node, one bundled file; banner → banner.js, externalModules → external, --alias → alias).
 * Only `entryPoints` and `outfile` are left to the caller.
 *
 * @example
 * await build({ ...esbuildOptionsOf(), entryPoints: [`${REPO_ROOT}functions/api/handler.ts`], outfile: 'out/index.mjs' });
 */
export function esbuildOptionsOf(bundling: typeof HOUSE_BUNDLING = HOUSE_BUNDLING) {
  return {
    absWorkingDir: REPO_ROOT,
    bundle: true,
    platform: 'node',
    format: bundling.format,
    minify: bundling.minify,
    sourcemap: bundling.sourceMap,
    sourcesContent: bundling.sourcesContent,
    target: bundling.target,
    mainFields: [...bundling.mainFields],
    banner: { js: bundling.banner },
    external: [...bundling.externalModules],
    alias: Object.fromEntries(bundling.esbuildArgs['--alias'].map((pair) => pair.split('=') as [string, string])),
  } satisfies BuildOptions;
}

export interface VillageFunctionProps {
  /** Handler file, relative to the repository root, exporting `handler`. */
  entry: string;
  description: string;
  environment?: Record<string, string>;
  /** Default 1024 MB: Lambda's CPU share grows with memory, and cold starts are CPU-bound. */
  memorySize?: number;
  /** Default 10 s; an HTTP API integration gives up after 30 s anyway. */
  timeout?: Duration;
  /** Caps this function's share of the account's concurrency (and reserves it). Default: unreserved. */
  reservedConcurrentExecutions?: number;
  /**
   * `synchronous` (default) for functions whose caller waits and sees failures (HTTP API). `asynchronous` for
   * functions invoked by events (EventBridge Scheduler, S3, SNS): they retry twice and then park the event in
   * a dead-letter queue, which alarms when it is not empty.
   */
  invocation?: 'synchronous' | 'asynchronous';
  /** Where the function's alarms notify. Without it the alarms exist but tell nobody. */
  alarmAction?: IAlarmAction;
}

/**
 * A Lambda function with Village Link's house defaults: Node 22 on arm64, ESM bundle with source maps, its
 * own log group kept one month, X-Ray tracing, its own role (grants are added per function, least
 * privilege), and alarms on errors and throttles.
 *
 * @example
 * const scheduler = new VillageFunction(this, 'Scheduler', {
 *   entry: 'functions/scheduler/handler.ts',
 *   description: 'Closes expired orders and group buys',
 *   invocation: 'asynchronous', // EventBridge Scheduler invokes it: retries, dead-letter queue, alarm
 *   alarmAction,
 * });
 * scheduler.role.addToPrincipalPolicy(new PolicyStatement({ actions: ['dynamodb:Query'], resources: [indexArn] }));
 */
export class VillageFunction extends Construct {
  /** The handler file, relative to the repository root (as given in the props). */
  readonly entry: string;
  readonly fn: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;
  /** Only for asynchronous functions. */
  readonly deadLetterQueue?: Queue;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: VillageFunctionProps) {
    super(scope, id);
    this.entry = props.entry;

    // Logs of a stateless function; deleting the stack may delete them (retention is one month anyway).
    this.logGroup = new LogGroup(this, 'Logs', { retention: RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });

    // An explicit role instead of the default one with AWSLambdaBasicExecutionRole: it may write to its own
    // log group only, not create log groups anywhere in the account.
    this.role = new Role(this, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com'), description: props.description });
    this.logGroup.grantWrite(this.role);

    if (props.invocation === 'asynchronous') {
      this.deadLetterQueue = new Queue(this, 'DeadLetters', {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
      });
    }

    this.fn = new NodejsFunction(this, 'Function', {
      entry: `${REPO_ROOT}${props.entry}`,
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: `${REPO_ROOT}package-lock.json`,
      description: props.description,
      runtime: HOUSE_RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 1024,
      timeout: props.timeout ?? Duration.seconds(10),
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      tracing: Tracing.ACTIVE,
      bundling: HOUSE_BUNDLING,
      environment: { NODE_OPTIONS: '--enable-source-maps', ...props.environment },
      ...(this.deadLetterQueue ? { deadLetterQueue: this.deadLetterQueue, retryAttempts: 2, maxEventAge: Duration.hours(6) } : {}),
    });

    Validations.of(this.fn).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'Node 22 is chosen on purpose: the closest Lambda runtime to the Node 20 the code is developed and tested on ' +
        '(supported until 2027-04-30). Moving to Node 24 is a one-line change of HOUSE_RUNTIME and HOUSE_BUNDLING.target.',
    });
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Active tracing needs xray:PutTraceSegments and xray:PutTelemetryRecords, which X-Ray does not scope to ' +
        'resources. Every other statement of this role names its resources (checked by test/infra).',
    });

    this.alarms.push(
      this.alarm('Errors', this.fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }), 'failed invocations'),
      this.alarm('Throttles', this.fn.metricThrottles({ period: Duration.minutes(5), statistic: 'Sum' }), 'throttled invocations'),
    );
    if (this.deadLetterQueue) {
      this.alarms.push(
        this.alarm(
          'DeadLetters',
          this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
          'events that failed every retry',
        ),
      );
    }
    if (props.alarmAction) for (const alarm of this.alarms) alarm.addAlarmAction(props.alarmAction);
  }

  private alarm(id: string, metric: IMetric, what: string): Alarm {
    return new Alarm(this, `${id}Alarm`, {
      metric,
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: `${this.node.path}: ${what} in the last 5 minutes`,
    });
  }
}
