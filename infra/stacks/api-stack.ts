import { CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpMethod, HttpRoute, HttpRouteKey, LogGroupLogDestination, type HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  ManagedLoginVersion,
  Mfa,
  OAuthScope,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  UserPoolClientIdentityProvider,
  UserPoolGroup,
  UserPoolOperation,
  type UserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import { TABLE_DESIGN } from '../../shared/db/table-design.js';
import { VillageFunction } from '../constructs/village-function.js';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';

/** The Cognito groups, one per role of the platform (shared/domain/actor.ts `Role`; a test keeps them equal). */
export const USER_GROUPS = ['buyer', 'leader', 'coop', 'organizer'] as const;

/**
 * Custom attributes that bind a user to the platform (read by shared/auth/claims.ts as `custom:<name>`).
 * Only administrators (the platform, through IAM) write them: the app client may read but not write them, so
 * nobody can make themselves a cooperative of another village.
 */
export const CUSTOM_ATTRIBUTES = ['accountId', 'villageId', 'organizationId'] as const;

/** Cognito sign-in as the web app's `/config.json` names it (web/src/auth.ts, `AuthConfig` of kind `cognito`). */
export interface WebSignIn {
  /** The user pool's issuer, `https://cognito-idp.<region>.amazonaws.com/<userPoolId>`. */
  authority: string;
  clientId: string;
  /** `https://<prefix>.auth.<region>.amazoncognito.com`. */
  hostedUiBaseUrl: string;
  /** Where Cognito sends the browser back to, on every web origin (one of the client's callback URLs). */
  callbackPath: string;
}

export interface ApiStackProps extends StackProps {
  stage: string;
  table: Table;
  /** Fixed name of the DataStack's media bucket (config.ts, mediaBucketName). */
  mediaBucketName: string;
  /** Fixed name of the DataStack's exports bucket (config.ts, exportsBucketName). */
  exportsBucketName: string;
  /** The site's origin (`https://…`): public photo URLs and sign-in redirects point at it. */
  siteOrigin: string;
  /** Every origin a browser may sign in from (the site and dev servers). */
  webOrigins: string[];
  authCallbackPath: string;
  authDomainPrefix?: string;
  apiThrottle: { rateLimit: number; burstLimit: number };
  alarmEmail?: string;
  /** Secrets Manager secret with the Stripe keys (JSON fields secretKey and webhookSecret). */
  stripeSecretName: string;
}

/**
 * The stateless back end: sign-in (Cognito), the HTTP API and the functions behind it, with their alarms.
 * Later functions (Stripe webhook, scheduler) are added here as further VillageFunctions with their own grants.
 */
export class ApiStack extends Stack {
  readonly httpApi: HttpApi;
  /** Host name of the HTTP API, the origin of the site's /api/* behaviour. */
  readonly apiDomainName: string;
  readonly userPool: UserPool;
  readonly webClient: UserPoolClient;
  /** What the web app needs to sign people in through Cognito's hosted UI (the WebStack writes it to /config.json). */
  readonly webSignIn: WebSignIn;
  readonly apiFunction: VillageFunction;
  readonly webhookFunction: VillageFunction;
  readonly schedulerFunction: VillageFunction;
  /** Cognito's post-confirmation trigger: makes every self-registered user a buyer. */
  readonly postConfirmationFunction: VillageFunction;
  readonly alarmTopic: Topic;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);

    this.alarmTopic = new Topic(this, 'Alarms', { displayName: `Village Link ${props.stage} alarms`, enforceSSL: true });
    if (props.alarmEmail) this.alarmTopic.addSubscription(new EmailSubscription(props.alarmEmail));
    const alarmAction = new SnsAction(this.alarmTopic);

    // Users are state, although this stack is not: the pool is retained and protected from deletion, so a
    // rebuilt ApiStack can adopt it again (cdk import) instead of losing every account.
    this.userPool = new UserPool(this, 'Users', {
      selfSignUpEnabled: true, // buyers register themselves; other roles are created by organisers
      signInAliases: { email: true },
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true }, fullname: { required: false, mutable: true } },
      customAttributes: Object.fromEntries(
        CUSTOM_ATTRIBUTES.map((name) => [name, new StringAttribute({ minLen: 1, maxLen: 64, mutable: true })]),
      ),
      passwordPolicy: {
        minLength: 10,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG2',
      reason:
        'MFA is optional (TOTP) rather than required: buyers are the public signing themselves up to buy produce, ' +
        'and a mandatory authenticator app would turn most of them away. Plus-tier threat protection (full function) ' +
        'challenges or blocks risky sign-ins instead, and staff roles can be required to enrol by policy.',
    });
    USER_GROUPS.forEach((groupName, precedence) => {
      new UserPoolGroup(this, `Group-${groupName}`, { userPool: this.userPool, groupName, precedence });
    });

    // Self-registered users get no group and no account by themselves: on a confirmed sign-up this trigger
    // creates their buyer Account, binds custom:accountId to it and adds them to the buyer group
    // (functions/cognito-post-confirmation). Cognito waits at most 5 seconds for it.
    this.postConfirmationFunction = new VillageFunction(this, 'PostConfirmationFunction', {
      entry: 'functions/cognito-post-confirmation/handler.ts',
      description: 'Village Link: makes self-registered users buyers',
      alarmAction,
      environment: { TABLE_NAME: props.table.tableName },
      timeout: Duration.seconds(5),
    });
    grantAccountCreation(this.postConfirmationFunction, props.table);
    this.userPool.addTrigger(UserPoolOperation.POST_CONFIRMATION, this.postConfirmationFunction.fn);
    // The pool names the function (its trigger) and the function's grant names the pool. The grant is therefore
    // a policy of its own, not a statement of the role's default policy: the function waits for its default
    // policy, so that would close a cycle. It names this pool exactly (no wildcard).
    new Policy(this, 'PostConfirmationUserAdmin', {
      roles: [this.postConfirmationFunction.role],
      statements: [
        new PolicyStatement({
          sid: 'BindSelfRegisteredUsers',
          actions: ['cognito-idp:AdminGetUser', 'cognito-idp:AdminUpdateUserAttributes', 'cognito-idp:AdminAddUserToGroup'],
          resources: [this.userPool.userPoolArn],
        }),
      ],
    });

    const callbackUrls = props.webOrigins.map((origin) => `${origin}${props.authCallbackPath}`);
    this.webClient = this.userPool.addClient('WebClient', {
      generateSecret: false, // a browser app cannot keep a secret; PKCE protects the code flow
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls,
        logoutUrls: props.webOrigins.map((origin) => `${origin}/`),
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
        .withCustomAttributes(...CUSTOM_ATTRIBUTES),
      writeAttributes: new ClientAttributes().withStandardAttributes({ email: true, fullname: true }),
    });
    const domain = this.userPool.addDomain('HostedUi', {
      cognitoDomain: { domainPrefix: props.authDomainPrefix ?? `village-link-${props.stage}-${this.account}` },
      managedLoginVersion: ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    this.webSignIn = {
      authority: `https://cognito-idp.${this.region}.amazonaws.com/${this.userPool.userPoolId}`,
      clientId: this.webClient.userPoolClientId,
      hostedUiBaseUrl: domain.baseUrl(),
      callbackPath: props.authCallbackPath,
    };

    // The functions read the Stripe keys from this secret at run time, once per container (functions/
    // production-common.ts): the values never appear in a template, cdk.out or the function configuration, and a
    // rotated key reaches new containers without a deploy.
    const stripeSecret = Secret.fromSecretNameV2(this, 'StripeSecret', props.stripeSecretName);
    // Each function is told what its own production-deps.ts reads: every one the table and Stripe
    // (functions/production-common.ts), the API also media and sign-in. AWS_REGION is set by Lambda itself.
    const tableAndStripe = { TABLE_NAME: props.table.tableName, STRIPE_SECRET_ARN: stripeSecret.secretArn };
    this.apiFunction = new VillageFunction(this, 'ApiFunction', {
      entry: 'functions/api/handler.ts',
      description: 'Village Link HTTP API',
      alarmAction,
      environment: {
        ...tableAndStripe,
        MEDIA_BUCKET: props.mediaBucketName,
        MEDIA_BASE_URL: `${props.siteOrigin}/media`,
        EXPORTS_BUCKET: props.exportsBucketName,
        USER_POOL_ID: this.userPool.userPoolId,
        USER_POOL_CLIENT_ID: this.webClient.userPoolClientId,
      },
    });
    grantApiData(this.apiFunction, props.table, props.mediaBucketName);
    grantExports(this.apiFunction, props.exportsBucketName);
    stripeSecret.grantRead(this.apiFunction.role);

    // The webhook has its own function so that a burst of Stripe events never takes the API's concurrency.
    this.webhookFunction = new VillageFunction(this, 'StripeWebhookFunction', {
      entry: 'functions/stripe-webhook/handler.ts',
      description: 'Village Link Stripe webhook',
      alarmAction,
      environment: tableAndStripe,
    });
    grantTableData(this.webhookFunction, props.table);
    stripeSecret.grantRead(this.webhookFunction.role);

    // Closes group buys at their deadline and expires unpaid orders (shared/domain/use-cases/scheduler.ts).
    this.schedulerFunction = new VillageFunction(this, 'SchedulerFunction', {
      entry: 'functions/scheduler/handler.ts',
      description: 'Village Link scheduled work: group-buy deadlines, unpaid orders',
      alarmAction,
      environment: tableAndStripe,
      invocation: 'asynchronous',
      timeout: Duration.seconds(55),
      // One run at a time: a run still settling a large group buy is never raced by the next minute's.
      reservedConcurrentExecutions: 1,
    });
    grantTableData(this.schedulerFunction, props.table);
    stripeSecret.grantRead(this.schedulerFunction.role);
    new Schedule(this, 'DueWorkEveryMinute', {
      description: 'Village Link: close due group buys and expire unpaid orders',
      schedule: ScheduleExpression.rate(Duration.minutes(1)),
      target: new LambdaInvoke(this.schedulerFunction.fn, { retryAttempts: 0 }),
    });
    const schedulerLogicalId = this.getLogicalId(this.schedulerFunction.fn.node.defaultChild as CfnFunction);
    Validations.of(this).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${schedulerLogicalId}.Arn>:*]`,
      reason:
        "EventBridge Scheduler's target role (made by CDK's LambdaInvoke) may invoke the scheduler function and its " +
        'versions (`<arn>:*`); it can invoke nothing else.',
    });

    const accessLogs = new LogGroup(this, 'ApiAccessLogs', { retention: RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });
    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: `Village Link ${props.stage}`,
      createDefaultStage: false,
      // No CORS: browsers reach the API through the site's own CloudFront origin (/api/*), never cross-origin.
    });
    this.apiDomainName = `${this.httpApi.apiId}.execute-api.${this.region}.${this.urlSuffix}`;
    const stage: HttpStage = this.httpApi.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: props.apiThrottle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            time: '$context.requestTime',
            routeKey: '$context.routeKey',
            status: '$context.status',
            latencyMs: '$context.responseLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
            userAgent: '$context.identity.userAgent',
          }),
        ),
      },
    });

    // Where tokens are checked. The app verifies every bearer token itself (issuer, audience, signature,
    // token_use; shared/auth/jwt-verifier.ts) and anonymous callers may read the catalogue, so the gateway
    // cannot require a token on every route. It does require one where no anonymous call can succeed: every
    // writing method and GET /api/me and below. There it turns away unauthenticated traffic before it costs
    // an invocation; the app's own check stays the authority (it also knows groups and custom claims).
    // API Gateway prefers an exact path over a greedy one, and an explicit method over ANY, so public writes
    // (the Stripe webhook, whose signature the app checks) are exact routes without the authorizer.
    const authorizer = new HttpJwtAuthorizer('CognitoIdToken', this.webSignIn.authority, {
      jwtAudience: [this.webClient.userPoolClientId],
    });
    const integration = new HttpLambdaIntegration('ApiIntegration', this.apiFunction.fn);
    const publicRoute = new HttpRoute(this, 'PublicRoute', {
      httpApi: this.httpApi,
      routeKey: HttpRouteKey.with('/api/{proxy+}', HttpMethod.ANY),
      integration,
    });
    Validations.of(publicRoute).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        'Catalogue reads (GET villages, products, organizations, health, openapi.json) are public by design. ' +
        'Writes and GET /api/me[/…] have their own routes with the Cognito JWT authorizer, and the function verifies ' +
        'any bearer token it receives on every route.',
    });
    const stripeWebhookRoute = new HttpRoute(this, 'StripeWebhookRoute', {
      httpApi: this.httpApi,
      routeKey: HttpRouteKey.with('/api/webhooks/stripe', HttpMethod.POST),
      integration: new HttpLambdaIntegration('StripeWebhookIntegration', this.webhookFunction.fn),
    });
    Validations.of(stripeWebhookRoute).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason: 'Stripe cannot present a Cognito token; the function verifies the Stripe-Signature header on the raw body instead.',
    });
    const protectedRoutes: [string, HttpMethod][] = [
      ...[HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE].map((m): [string, HttpMethod] => ['/api/{proxy+}', m]),
      ['/api/me', HttpMethod.GET],
      ['/api/me/{proxy+}', HttpMethod.GET],
    ];
    for (const [path, method] of protectedRoutes) {
      new HttpRoute(this, `Signed${method}${path.replace(/[^A-Za-z]/g, '')}`, {
        httpApi: this.httpApi,
        routeKey: HttpRouteKey.with(path, method),
        integration,
        authorizer,
      });
    }

    new Alarm(this, 'Api5xxAlarm', {
      metric: this.httpApi.metricServerError({ period: Duration.minutes(5), statistic: 'Sum' }),
      threshold: 5,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: 'The HTTP API answered 5 or more 5xx responses in 5 minutes',
    }).addAlarmAction(alarmAction);

    new CfnOutput(this, 'ApiEndpoint', { value: stage.url });
    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.webClient.userPoolClientId });
    new CfnOutput(this, 'HostedUiBaseUrl', { value: domain.baseUrl() });
  }
}

/**
 * The API function's data access, and nothing more: item reads and writes on the table, queries on its
 * indexes (named from TABLE_DESIGN, no wildcard), and for product photos: PutObject (what a presigned POST
 * is signed for), GetObject (HeadObject when a photo is attached) and ListBucket (so HeadObject of a
 * missing key answers 404, which the app expects, instead of 403).
 */
function grantApiData(fn: VillageFunction, table: Table, mediaBucketName: string): void {
  grantTableData(fn, table);
  const stack = Stack.of(fn);
  const mediaBucketArn = `arn:${stack.partition}:s3:::${mediaBucketName}`;
  fn.role.addToPrincipalPolicy(
    new PolicyStatement({ sid: 'MediaObjects', actions: ['s3:PutObject', 's3:GetObject'], resources: [`${mediaBucketArn}/*`] }),
  );
  fn.role.addToPrincipalPolicy(new PolicyStatement({ sid: 'MediaList', actions: ['s3:ListBucket'], resources: [mediaBucketArn] }));
  Validations.of(fn.role).acknowledge({
    id: `AwsSolutions-IAM5[Resource::${mediaBucketArn}/*]`,
    reason:
      'Photo keys are minted per upload by the API (products/<productId>/<photoId>.<ext>), so PutObject and GetObject ' +
      'cannot name them in advance. Each presigned POST policy pins one exact key, its content type and size.',
  });
}

/**
 * CSV exports: the API writes each file under `exports/` and signs a GET for it (the signature is only as good as
 * the signer's GetObject). Nothing else: no listing, no delete (the bucket's lifecycle expires files after 7 days).
 */
function grantExports(fn: VillageFunction, exportsBucketName: string): void {
  const objects = `arn:${Stack.of(fn).partition}:s3:::${exportsBucketName}/exports/*`;
  fn.role.addToPrincipalPolicy(new PolicyStatement({ sid: 'ExportObjects', actions: ['s3:PutObject', 's3:GetObject'], resources: [objects] }));
  Validations.of(fn.role).acknowledge({
    id: `AwsSolutions-IAM5[Resource::${objects}]`,
    reason: 'Export keys are minted per export by the API (exports/<exportId>.csv), so they cannot be named in advance; the grant is limited to that prefix.',
  });
}

/** What the post-confirmation trigger does to the table: read an account by key and put a new one. */
function grantAccountCreation(fn: VillageFunction, table: Table): void {
  fn.role.addToPrincipalPolicy(
    new PolicyStatement({ sid: 'AccountItems', actions: ['dynamodb:GetItem', 'dynamodb:PutItem'], resources: [table.tableArn] }),
  );
}

/** Item reads and writes on the table and queries on its indexes (named from TABLE_DESIGN, no wildcard). */
function grantTableData(fn: VillageFunction, table: Table): void {
  fn.role.addToPrincipalPolicy(
    new PolicyStatement({
      sid: 'TableItems',
      actions: [
        'dynamodb:GetItem',
        'dynamodb:BatchGetItem',
        'dynamodb:Query',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        'dynamodb:DeleteItem',
        'dynamodb:ConditionCheckItem',
        'dynamodb:BatchWriteItem',
      ],
      resources: [table.tableArn],
    }),
  );
  const indexNames = [...TABLE_DESIGN.globalIndexes, ...TABLE_DESIGN.localIndexes].map((index) => index.indexName);
  fn.role.addToPrincipalPolicy(
    new PolicyStatement({
      sid: 'TableIndexQueries',
      actions: ['dynamodb:Query'],
      resources: indexNames.map((name) => `${table.tableArn}/index/${name}`),
    }),
  );
}
