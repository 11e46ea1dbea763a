import { LocalStackError, checkJava, ensureDynamoDbLocal } from './dynamodb-local.js';

// Used by .ci/run so the test run does not spend its first seconds downloading.
try {
  checkJava();
  console.log(`DynamoDB Local ready in ${await ensureDynamoDbLocal()}`);
} catch (error) {
  if (!(error instanceof LocalStackError)) throw error;
  console.error(error.message);
  process.exit(1);
}
