import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportsBucketName, mediaBucketName } from '../../infra/config.js';
import { CUSTOM_ATTRIBUTES, USER_GROUPS } from '../../infra/stacks/api-stack.js';
import { CLAIMS } from '../../shared/auth/claims.js';
import { TABLE_DESIGN } from '../../shared/db/table-design.js';
import { Role } from '../../shared/domain/actor.js';
import { CLOUDFRONT_STAGE, DEV_ORIGIN, SITE_ORIGIN, resourcesOf, synthesize, type Synthesized } from './synth.js';

let synth: Synthesized;
beforeAll(() => {
  synth = synthesize(CLOUDFRONT_STAGE);
});
afterAll(() => synth.cleanUp());

type Statement = { Sid?: string; Action: string | string[]; Resource: unknown };
/** The policy of one function's own role, found by the function's construct id (its logical id prefix). */
const roleStatements = (functionId: string): Statement[] => {
  const policies = resourcesOf(synth.api, 'AWS::IAM::Policy').filter(([id]) => id.startsWith(`${functionId}Role`));
  expect(policies).toHaveLength(1);
  return (policies[0]![1].Properties.PolicyDocument as { Statement: Statement[] }).Statement;
};
const apiRoleStatements = () => roleStatements('ApiFunction');
const functionNamed = (functionId: string) => {
  const found = resourcesOf(synth.api, 'AWS::Lambda::Function').filter(([id]) => id.startsWith(functionId) && !id.includes('Role'));
  expect(found).toHaveLength(1);
  return found[0]!;
};
const actionsOf = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);

describe('ApiStack function', () => {
  it('runs Node 22 on arm64 with active tracing, source maps and a bounded memory size', () => {
    const [, fn] = functionNamed('ApiFunction');
    expect(fn.Properties).toMatchObject({
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      TracingConfig: { Mode: 'Active' },
      LoggingConfig: { LogFormat: 'JSON', LogGroup: { Ref: expect.stringMatching(/^ApiFunctionLogs/) } },
    });
    expect(fn.Properties.MemorySize).toBeGreaterThanOrEqual(512);
    expect(fn.Properties.MemorySize).toBeLessThanOrEqual(1024);
    expect(fn.Properties.Timeout).toBeLessThanOrEqual(29);
  });

  it('keeps its logs one month', () => {
    synth.api.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
    for (const [, group] of resourcesOf(synth.api, 'AWS::Logs::LogGroup')) expect(group.Properties.RetentionInDays).toBe(30);
  });

  it('is told exactly what functions/api/production-deps.ts reads (AWS_REGION comes from Lambda)', () => {
    const [, fn] = functionNamed('ApiFunction');
    const variables = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(Object.keys(variables).sort()).toEqual(
      [
        'EXPORTS_BUCKET',
        'MEDIA_BASE_URL',
        'MEDIA_BUCKET',
        'NODE_OPTIONS',
        'STRIPE_SECRET_ARN',
        'TABLE_NAME',
        'USER_POOL_CLIENT_ID',
        'USER_POOL_ID',
      ].sort(),
    );
    expect(variables).toMatchObject({
      NODE_OPTIONS: '--enable-source-maps',
      MEDIA_BASE_URL: `${SITE_ORIGIN}/media`,
      MEDIA_BUCKET: mediaBucketName(CLOUDFRONT_STAGE),
      EXPORTS_BUCKET: exportsBucketName(CLOUDFRONT_STAGE),
      USER_POOL_ID: { Ref: expect.stringMatching(/^Users/) },
      USER_POOL_CLIENT_ID: { Ref: expect.stringMatching(/^UsersWebClient/) },
    });
  });

  it('tells the webhook and the scheduler only what their own production-deps.ts read: the table and the Stripe secret', () => {
    for (const functionId of ['StripeWebhookFunction', 'SchedulerFunction']) {
      const [, fn] = functionNamed(functionId);
      const variables = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(Object.keys(variables).sort(), functionId).toEqual(['NODE_OPTIONS', 'STRIPE_SECRET_ARN', 'TABLE_NAME']);
    }
  });

  it('reads the Stripe keys from the stage secret at run time: only its ARN is configured, and only its readers may read it', () => {
    for (const functionId of ['ApiFunction', 'StripeWebhookFunction', 'SchedulerFunction']) {
      const [, fn] = functionNamed(functionId);
      const variables = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(JSON.stringify(variables.STRIPE_SECRET_ARN), functionId).toContain(':secret:village-link/test/stripe');
      expect(variables.STRIPE_SECRET_KEY, functionId).toBeUndefined();
      const secretReads = roleStatements(functionId).filter((s) => actionsOf(s).includes('secretsmanager:GetSecretValue'));
      expect(JSON.stringify(secretReads.map((s) => s.Resource)), functionId).toContain(':secret:village-link/test/stripe');
    }
    expect(JSON.stringify(synth.api.toJSON())).not.toMatch(/sk_(live|test)_|whsec_[A-Za-z0-9]|resolve:secretsmanager/);
  });

  it('may touch table items and query the indexes of TABLE_DESIGN by name, without Scan', () => {
    const statements = apiRoleStatements();
    const items = statements.find((s) => s.Sid === 'TableItems')!;
    expect(actionsOf(items)).not.toContain('dynamodb:Scan');
    expect(actionsOf(items)).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem']));
    const indexes = statements.find((s) => s.Sid === 'TableIndexQueries')!;
    expect(actionsOf(indexes)).toEqual(['dynamodb:Query']);
    const indexSuffixes = JSON.stringify(indexes.Resource).match(/\/index\/[A-Za-z0-9]+/g);
    expect(indexSuffixes).toEqual([...TABLE_DESIGN.globalIndexes, ...TABLE_DESIGN.localIndexes].map((i) => `/index/${i.indexName}`));
  });

  it('may put and read media objects, list the media bucket, and put and read exports under exports/, nothing else in S3', () => {
    const bucketArn = `arn:aws:s3:::${mediaBucketName(CLOUDFRONT_STAGE)}`;
    const exportsArn = `arn:aws:s3:::${exportsBucketName(CLOUDFRONT_STAGE)}`;
    const s3 = apiRoleStatements().filter((s) => actionsOf(s).some((a) => a.startsWith('s3:')));
    expect(s3).toEqual([
      expect.objectContaining({ Action: ['s3:GetObject', 's3:PutObject'], Resource: `${bucketArn}/*` }),
      expect.objectContaining({ Action: 's3:ListBucket', Resource: bucketArn }),
      expect.objectContaining({ Action: ['s3:GetObject', 's3:PutObject'], Resource: `${exportsArn}/exports/*` }),
    ]);
  });

  it('grants Resource "*" only for X-Ray, the one service that cannot be scoped', () => {
    for (const functionId of ['ApiFunction', 'StripeWebhookFunction', 'SchedulerFunction', 'PostConfirmationFunction']) {
      const unscoped = roleStatements(functionId).filter((s) => JSON.stringify(s.Resource) === '"*"');
      expect(unscoped.flatMap(actionsOf).sort(), functionId).toEqual(['xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
    }
  });

  it('gives the webhook and scheduler functions the table and nothing in S3', () => {
    for (const functionId of ['StripeWebhookFunction', 'SchedulerFunction']) {
      const statements = roleStatements(functionId);
      expect(statements.map((s) => s.Sid).filter(Boolean), functionId).toEqual(expect.arrayContaining(['TableItems', 'TableIndexQueries']));
      expect(statements.flatMap(actionsOf).some((a) => a.startsWith('s3:')), functionId).toBe(false);
    }
  });

  it('runs the scheduler every minute, one run at a time, with a dead-letter queue for failed invocations', () => {
    synth.api.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(1 minute)',
      Target: { Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^SchedulerFunction'), 'Arn'] } },
    });
    const [, scheduler] = functionNamed('SchedulerFunction');
    expect(scheduler.Properties.ReservedConcurrentExecutions).toBe(1);
    expect(JSON.stringify(scheduler.Properties.Handler)).toContain('index.handler');
    expect(JSON.stringify(scheduler.Properties.DeadLetterConfig)).toMatch(/SchedulerFunctionDeadLetters/);
  });

  it('does not use the AWS managed basic execution policy', () => {
    for (const [, role] of resourcesOf(synth.api, 'AWS::IAM::Role')) expect(role.Properties.ManagedPolicyArns).toBeUndefined();
  });
});

describe('ApiStack post-confirmation trigger', () => {
  it('is called by the user pool after each confirmation, and only this pool may invoke it', () => {
    synth.api.hasResourceProperties('AWS::Cognito::UserPool', {
      LambdaConfig: { PostConfirmation: { 'Fn::GetAtt': [Match.stringLikeRegexp('^PostConfirmationFunction'), 'Arn'] } },
    });
    synth.api.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'cognito-idp.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': [Match.stringLikeRegexp('^PostConfirmationFunction'), 'Arn'] },
      SourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Users'), 'Arn'] },
    });
  });

  it('may bind users and add them to groups in this pool only, named without a wildcard', () => {
    const policies = resourcesOf(synth.api, 'AWS::IAM::Policy').filter(([id]) => id.startsWith('PostConfirmationUserAdmin'));
    expect(policies).toHaveLength(1);
    const [, policy] = policies[0]!;
    expect(policy.Properties.Roles).toEqual([{ Ref: expect.stringMatching(/^PostConfirmationFunctionRole/) }]);
    const statements = (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement;
    expect(statements).toHaveLength(1);
    expect(actionsOf(statements[0]!).sort()).toEqual([
      'cognito-idp:AdminAddUserToGroup',
      'cognito-idp:AdminGetUser',
      'cognito-idp:AdminUpdateUserAttributes',
    ]);
    expect(statements[0]!.Resource).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Users/), 'Arn'] });
  });

  it('may read and put account items in the table, and nothing else of the table or S3', () => {
    const statements = roleStatements('PostConfirmationFunction');
    const dynamo = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('dynamodb:')));
    expect(dynamo).toEqual([expect.objectContaining({ Sid: 'AccountItems', Action: ['dynamodb:GetItem', 'dynamodb:PutItem'] })]);
    expect(JSON.stringify(dynamo[0]!.Resource)).not.toContain('/index/');
    expect(statements.flatMap(actionsOf).some((a) => a.startsWith('s3:') || a.startsWith('secretsmanager:'))).toBe(false);
  });

  it("is told the table only (each event names its pool), and answers within Cognito's 5 seconds", () => {
    const [, fn] = functionNamed('PostConfirmationFunction');
    const variables = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(Object.keys(variables).sort()).toEqual(['NODE_OPTIONS', 'TABLE_NAME']);
    expect(fn.Properties.Timeout).toBe(5);
    expect(JSON.stringify(fn.Properties)).not.toMatch(/"Ref":"Users/);
  });
});

describe('ApiStack HTTP API', () => {
  it('sends /api/* to the function: public reads and the Stripe webhook without a token, other writes and /api/me through the Cognito JWT authorizer', () => {
    const routes = resourcesOf(synth.api, 'AWS::ApiGatewayV2::Route').map(([, r]) => [r.Properties.RouteKey, r.Properties.AuthorizationType]);
    expect(Object.fromEntries(routes)).toEqual({
      'ANY /api/{proxy+}': 'NONE',
      'POST /api/{proxy+}': 'JWT',
      'PUT /api/{proxy+}': 'JWT',
      'PATCH /api/{proxy+}': 'JWT',
      'DELETE /api/{proxy+}': 'JWT',
      'GET /api/me': 'JWT',
      'GET /api/me/{proxy+}': 'JWT',
      'POST /api/webhooks/stripe': 'NONE',
    });
    // The webhook has its own function; everything else goes to the API function.
    synth.api.resourceCountIs('AWS::ApiGatewayV2::Integration', 2);
    const webhookRoute = resourcesOf(synth.api, 'AWS::ApiGatewayV2::Route').find(([, r]) => r.Properties.RouteKey === 'POST /api/webhooks/stripe')!;
    expect(JSON.stringify(webhookRoute[1].Properties.Target)).toContain('StripeWebhookIntegration');
  });

  it('accepts ID tokens of this pool for the web client only', () => {
    synth.api.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [{ Ref: Match.stringLikeRegexp('^UsersWebClient') }],
        Issuer: { 'Fn::Join': ['', ['https://cognito-idp.ap-southeast-1.amazonaws.com/', { Ref: Match.stringLikeRegexp('^Users') }]] },
      },
    });
  });

  it('throttles the default stage and writes JSON access logs', () => {
    synth.api.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      AccessLogSettings: { DestinationArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ApiAccessLogs'), 'Arn'] }, Format: Match.anyValue() },
    });
    const [, stage] = resourcesOf(synth.api, 'AWS::ApiGatewayV2::Stage')[0]!;
    const format = JSON.parse((stage.Properties.AccessLogSettings as { Format: string }).Format);
    expect(format).toMatchObject({ requestId: '$context.requestId', status: '$context.status', routeKey: '$context.routeKey' });
  });

  it('has no CORS configuration: browsers call it through the site origin', () => {
    const [, api] = resourcesOf(synth.api, 'AWS::ApiGatewayV2::Api')[0]!;
    expect(api.Properties.CorsConfiguration).toBeUndefined();
  });
});

describe('ApiStack alarms', () => {
  it('alarms on API 5xx, function errors and function throttles, notifying the alarm topic', () => {
    const alarms = resourcesOf(synth.api, 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
    const byMetric = Object.fromEntries(alarms.map((a) => [`${a.Namespace}/${a.MetricName}`, a]));
    expect(Object.keys(byMetric).sort()).toEqual([
      'AWS/ApiGateway/5xx',
      'AWS/Lambda/Errors',
      'AWS/Lambda/Throttles',
      // The scheduler's dead-letter queue: events that failed every retry.
      'AWS/SQS/ApproximateNumberOfMessagesVisible',
    ]);
    for (const alarm of alarms) {
      expect(alarm.AlarmActions).toEqual([{ Ref: expect.stringMatching(/^Alarms/) }]);
      expect(alarm.TreatMissingData).toBe('notBreaching');
    }
    synth.api.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });
});

describe('ApiStack user pool', () => {
  it('has one group per role of the domain', () => {
    expect([...USER_GROUPS].sort()).toEqual([...Role.options].sort());
    const groups = resourcesOf(synth.api, 'AWS::Cognito::UserPoolGroup').map(([, g]) => g.Properties.GroupName);
    expect(groups.sort()).toEqual([...Role.options].sort());
  });

  it('defines the custom attributes the app reads from ID tokens', () => {
    const customClaims = Object.values(CLAIMS).filter((c) => c.startsWith('custom:'));
    expect(CUSTOM_ATTRIBUTES.map((a) => `custom:${a}`).sort()).toEqual([...customClaims].sort());
    synth.api.hasResourceProperties('AWS::Cognito::UserPool', {
      Schema: Match.arrayWith(CUSTOM_ATTRIBUTES.map((name) => Match.objectLike({ Name: name, AttributeDataType: 'String', Mutable: true }))),
    });
  });

  it('lets buyers sign up with e-mail, under a strong password policy and Plus-tier threat protection', () => {
    synth.api.hasResource('AWS::Cognito::UserPool', {
      Properties: Match.objectLike({
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: false },
        UsernameAttributes: ['email'],
        AutoVerifiedAttributes: ['email'],
        Policies: {
          PasswordPolicy: Match.objectLike({ MinimumLength: 10, RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true }),
        },
        MfaConfiguration: 'OPTIONAL',
        UserPoolTier: 'PLUS',
        UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
        DeletionProtection: 'ACTIVE',
      }),
      DeletionPolicy: 'Retain',
    });
  });

  it('gives the web client the code flow with callbacks on every web origin, read-only custom attributes', () => {
    const [, client] = resourcesOf(synth.api, 'AWS::Cognito::UserPoolClient')[0]!;
    expect(client.Properties).toMatchObject({
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
      CallbackURLs: [`${SITE_ORIGIN}/auth/callback`, `${DEV_ORIGIN}/auth/callback`],
      LogoutURLs: [`${SITE_ORIGIN}/`, `${DEV_ORIGIN}/`],
      PreventUserExistenceErrors: 'ENABLED',
    });
    expect(client.Properties.ReadAttributes).toEqual(expect.arrayContaining(CUSTOM_ATTRIBUTES.map((a) => `custom:${a}`)));
    expect((client.Properties.WriteAttributes as string[]).filter((a) => a.startsWith('custom:'))).toEqual([]);
  });
});
