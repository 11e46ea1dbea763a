import {
  AdminAddUserToGroupCommand,
  AdminGetUserCommand,
  AdminUpdateUserAttributesCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { cognitoUserDirectory } from '../../../../functions/cognito-post-confirmation/cognito-users.js';

/** A client that records the commands it is sent and answers each with what `reply` gives (no network). */
function recordingClient(reply: (command: unknown) => unknown = () => ({})) {
  const sent: unknown[] = [];
  const client = {
    send: async (command: unknown) => {
      sent.push(command);
      return reply(command);
    },
  } as unknown as Pick<CognitoIdentityProviderClient, 'send'>;
  return { client, sent };
}

describe('cognitoUserDirectory', () => {
  it('reads the bound account id from the user, not from the event', async () => {
    // Prepare
    const { client, sent } = recordingClient(() => ({
      UserAttributes: [
        { Name: 'email', Value: 'wang@example.cn' },
        { Name: 'custom:accountId', Value: 'acc_01JD8Z7Q2M4N6P8R0T2V4X6Y8Z' },
      ],
    }));

    // Act
    const bound = await cognitoUserDirectory(client).boundAccountId('ap-southeast-1_Pool', 'u-wang');

    // Assess
    expect(bound).toBe('acc_01JD8Z7Q2M4N6P8R0T2V4X6Y8Z');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toBeInstanceOf(AdminGetUserCommand);
    expect((sent[0] as AdminGetUserCommand).input).toEqual({ UserPoolId: 'ap-southeast-1_Pool', Username: 'u-wang' });
  });

  it('answers undefined for a user with no account bound yet', async () => {
    const { client } = recordingClient(() => ({ UserAttributes: [{ Name: 'email', Value: 'li@example.cn' }] }));

    expect(await cognitoUserDirectory(client).boundAccountId('ap-southeast-1_Pool', 'u-li')).toBeUndefined();
  });

  it('binds custom:accountId and adds to a group with the admin API', async () => {
    // Prepare
    const { client, sent } = recordingClient();
    const directory = cognitoUserDirectory(client);

    // Act
    await directory.bindAccount('ap-southeast-1_Pool', 'u-wang', 'acc_01JD8Z7Q2M4N6P8R0T2V4X6Y8Z');
    await directory.addToGroup('ap-southeast-1_Pool', 'u-wang', 'buyer');

    // Assess
    expect(sent[0]).toBeInstanceOf(AdminUpdateUserAttributesCommand);
    expect((sent[0] as AdminUpdateUserAttributesCommand).input).toEqual({
      UserPoolId: 'ap-southeast-1_Pool',
      Username: 'u-wang',
      UserAttributes: [{ Name: 'custom:accountId', Value: 'acc_01JD8Z7Q2M4N6P8R0T2V4X6Y8Z' }],
    });
    expect(sent[1]).toBeInstanceOf(AdminAddUserToGroupCommand);
    expect((sent[1] as AdminAddUserToGroupCommand).input).toEqual({ UserPoolId: 'ap-southeast-1_Pool', Username: 'u-wang', GroupName: 'buyer' });
  });
});
