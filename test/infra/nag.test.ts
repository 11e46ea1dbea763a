import { Validations, type App, type PolicyViolation } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stageConfigFrom } from '../../infra/config.js';
import { ACCOUNT, CDK_CONTEXT, CUSTOM_DOMAIN_STAGE, synthesize, type Synthesized } from './synth.js';

/** Every acknowledgement recorded with Validations.of(…).acknowledge, with where it was made. */
function acknowledgements(app: App): { path: string; id: string; reason: unknown }[] {
  return app.node.findAll().flatMap((construct: IConstruct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) => Object.entries(entry.data as Record<string, unknown>))
      .map(([id, reason]) => ({ path: construct.node.path, id: id.replace(/^[A-Za-z]+::/, ''), reason })),
  );
}

/** cdk-nag's findings, acknowledged or not (its acknowledgement lookup switched off). */
function allFindings(app: App): string[] {
  const pack = new AwsSolutionsChecks();
  (pack as unknown as { isAcknowledged: () => boolean }).isAcknowledged = () => false;
  return pack.validateScope(app).violations.map((v) => v.ruleName);
}

const describeViolations = (violations: PolicyViolation[]) =>
  violations.map((v) => `${v.ruleName} (${v.severity}) at ${v.violatingResources.map((r) => r.constructPath).join(', ')}`);

// The stage exactly as cdk.json defines it (no domain, site origin not yet known) and a stage with a custom
// domain, certificate and web ACL: the acknowledgements differ between them.
const stages = {
  'cdk.json dev': stageConfigFrom({ stage: 'dev', stages: CDK_CONTEXT.stages }, ACCOUNT),
  'custom domain': CUSTOM_DOMAIN_STAGE,
};

const synths = new Map<string, Synthesized>();
beforeAll(() => {
  // synthesize() itself fails if any validation plugin reports an unacknowledged finding.
  for (const [name, config] of Object.entries(stages)) synths.set(name, synthesize(config, { withSite: true }));
});
afterAll(() => synths.forEach((synth) => synth.cleanUp()));

describe.each(Object.keys(stages))('cdk-nag AwsSolutions, %s stage', (name) => {
  it('leaves no unacknowledged error or warning', () => {
    const report = new AwsSolutionsChecks().validateScope(synths.get(name)!.app);
    expect(describeViolations(report.violations)).toEqual([]);
    expect(report.success).toBe(true);
  });

  it('gives every acknowledgement a real reason', () => {
    const acks = acknowledgements(synths.get(name)!.app);
    expect(acks.length).toBeGreaterThan(0);
    for (const ack of acks) {
      expect(typeof ack.reason, `${ack.id} at ${ack.path}`).toBe('string');
      expect((ack.reason as string).trim().length, `${ack.id} at ${ack.path}`).toBeGreaterThanOrEqual(40);
    }
  });

  it('acknowledges only findings that exist (no stale acknowledgements)', () => {
    const app = synths.get(name)!.app;
    const findings = new Set(allFindings(app));
    const stale = acknowledgements(app)
      .filter((ack) => ack.id.startsWith('AwsSolutions-'))
      .filter((ack) => !findings.has(ack.id))
      .map((ack) => `${ack.id} at ${ack.path}`);
    expect(stale).toEqual([]);
  });
});

describe('custom domain stage', () => {
  it('serves TLS 1.2+ on its own name behind the web ACL, needing no acknowledgement for either', () => {
    const synth = synths.get('custom domain')!;
    const ids = acknowledgements(synth.app).map((a) => a.id);
    expect(ids).not.toContain('AwsSolutions-CFR4');
    expect(ids).not.toContain('AwsSolutions-CFR2');
    synth.web.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['shop.example.cn'],
        ViewerCertificate: { MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only', AcmCertificateArn: CUSTOM_DOMAIN_STAGE.certificateArn },
        WebACLId: CUSTOM_DOMAIN_STAGE.webAclArn,
      }),
    });
  });

  it('points photo URLs and sign-in redirects at its domain', () => {
    const synth = synths.get('custom domain')!;
    synth.api.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ MEDIA_BASE_URL: 'https://shop.example.cn/media' }) },
    });
    synth.api.hasResourceProperties('AWS::Cognito::UserPoolClient', { CallbackURLs: ['https://shop.example.cn/auth/callback'] });
  });
});
