import { ConditionalCheckFailedException, ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createDb } from '../../../../../shared/db/dynamo.js';
import { villageRepository } from '../../../../../shared/db/repositories/villages.js';
import { ConflictError } from '../../../../../shared/domain/errors.js';
import type { Village } from '../../../../../shared/domain/village.js';
import { ulidIds } from '../../../../../shared/runtime/ids.js';
import { villageInput } from '../../../../support/fixtures.js';

const db = createDb({ tableName: 't', endpoint: 'http://127.0.0.1:1' });
const dynamo = mockClient(db.doc);
const villages = villageRepository(db);
const ids = ulidIds();

const village = (): Village => ({
  ...(villageInput() as Omit<Village, 'villageId' | 'story' | 'createdAt' | 'updatedAt' | 'version'>),
  villageId: ids.next('village'),
  story: '',
  createdAt: '2026-03-01T02:00:00.000Z',
  updatedAt: '2026-03-01T02:00:00.000Z',
  version: 2,
});

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => 'resolved',
    (error: unknown) => error,
  );
}

describe('village repository under injected DynamoDB faults', () => {
  beforeEach(() => dynamo.reset());
  afterAll(() => dynamo.restore());

  it('turns a failed version condition on update into ConflictError on If-Match, conditioned on the expected version', async () => {
    // Prepare
    dynamo.on(PutCommand).rejects(new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} }));
    // Act
    const error = await failure(villages.update(village(), 1));
    // Assess
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).field).toBe('If-Match');
    const input = dynamo.commandCalls(PutCommand)[0]?.args[0].input;
    expect(input?.ConditionExpression).toBe('attribute_exists(PK) AND version = :expected');
    expect(input?.ExpressionAttributeValues).toEqual({ ':expected': 1 });
  });

  it('lets throttling propagate unchanged from get and update', async () => {
    // Prepare
    const throttled = new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} });
    dynamo.on(GetCommand).rejects(throttled);
    dynamo.on(PutCommand).rejects(throttled);
    // Act
    const onGet = await failure(villages.get(ids.next('village')));
    const onUpdate = await failure(villages.update(village(), 1));
    // Assess
    expect(onGet).toBe(throttled);
    expect(onUpdate).toBe(throttled);
  });
});
