import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { describe, expect, it } from 'vitest';
import { HOUSE_BUNDLING, VillageFunction, esbuildOptionsOf } from '../../infra/constructs/village-function.js';
import { ACCOUNT, CDK_CONTEXT, resourcesOf } from './synth.js';

/** A stack holding one VillageFunction, synthesized without bundling (its template does not depend on it). */
function functionTemplate(props: Partial<ConstructorParameters<typeof VillageFunction>[2]> = {}) {
  const app = new App({ context: { ...CDK_CONTEXT, 'aws:cdk:bundling-stacks': [] } });
  const stack = new Stack(app, 'FunctionTest', { env: { account: ACCOUNT, region: 'ap-southeast-1' } });
  const alarmAction = new SnsAction(new Topic(stack, 'Alarms'));
  new VillageFunction(stack, 'Worker', { entry: 'functions/api/handler.ts', description: 'test', alarmAction, ...props });
  return Template.fromStack(stack);
}

describe('VillageFunction', () => {
  it('bundles as minified ESM for Node 22 with source maps and a real require', () => {
    expect(HOUSE_BUNDLING).toMatchObject({ format: 'esm', minify: true, sourceMap: true, target: 'node22', mainFields: ['module', 'main'] });
    expect(HOUSE_BUNDLING.banner).toContain('createRequire(import.meta.url)');
  });

  it('bundles everything, the AWS SDK included (externalModules empty, not omitted), and zod with its English messages only', () => {
    expect(HOUSE_BUNDLING.externalModules).toEqual([]);
    expect(HOUSE_BUNDLING.esbuildArgs).toEqual({ '--alias': ['zod=./infra/bundling/zod-english.ts'] });
    // The benchmark's esbuild options say the same.
    expect(esbuildOptionsOf()).toMatchObject({ external: [], alias: { zod: './infra/bundling/zod-english.ts' }, format: 'esm', minify: true });
  });

  it('is synchronous by default: no dead-letter queue, no retries configured', () => {
    const template = functionTemplate();
    template.resourceCountIs('AWS::SQS::Queue', 0);
    template.resourceCountIs('AWS::Lambda::EventInvokeConfig', 0);
    expect(resourcesOf(template, 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties.MetricName).sort()).toEqual(['Errors', 'Throttles']);
  });

  it('gives an asynchronous function an encrypted dead-letter queue, bounded retries and an alarm on dead letters', () => {
    const template = functionTemplate({ invocation: 'asynchronous' });
    template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 });
    template.hasResourceProperties('AWS::Lambda::Function', { DeadLetterConfig: { TargetArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('DeadLetters'), 'Arn'] } } });
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 6 * 3600 });
    const alarms = resourcesOf(template, 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
    expect(alarms.map((a) => a.MetricName).sort()).toEqual(['ApproximateNumberOfMessagesVisible', 'Errors', 'Throttles']);
    for (const alarm of alarms) expect(alarm.AlarmActions).toHaveLength(1);
  });

  it('passes reserved concurrency through when asked', () => {
    functionTemplate({ reservedConcurrentExecutions: 5 }).hasResourceProperties('AWS::Lambda::Function', { ReservedConcurrentExecutions: 5 });
  });
});
