import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { stageConfigFrom } from './config.js';
import { REPO_ROOT } from './constructs/village-function.js';
import { addVillageLink } from './village-link.js';

/**
 * The CDK app (cdk.json runs it with tsx). Pick a stage with `-c stage=<name>`; stages are defined under
 * `stages` in cdk.json. Without credentials (an offline `cdk synth`) a dummy account stands in.
 */
const app = new App();
const config = stageConfigFrom(
  { stage: app.node.tryGetContext('stage'), stages: app.node.tryGetContext('stages') },
  process.env.CDK_DEFAULT_ACCOUNT ?? '000000000000',
);

// The front end is uploaded only when it has been built (`npm run build:web`); otherwise the stacks still
// synthesize and the site bucket keeps what it holds (only the sign-in settings, /config.json, are written).
const siteAssetsPath = join(REPO_ROOT, 'web', 'dist');
addVillageLink(app, config, { siteAssetsPath: existsSync(join(siteAssetsPath, 'index.html')) ? siteAssetsPath : undefined });
