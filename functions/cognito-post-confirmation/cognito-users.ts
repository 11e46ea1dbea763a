import {
  AdminAddUserToGroupCommand,
  AdminGetUserCommand,
  AdminUpdateUserAttributesCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { CLAIMS } from '../../shared/auth/claims.js';
import type { UserDirectory } from './app.js';

/** The user directory on Cognito's admin API (the function's role may call these three actions on its pool). */
export function cognitoUserDirectory(client: Pick<CognitoIdentityProviderClient, 'send'>): UserDirectory {
  return {
    async boundAccountId(userPoolId, userName) {
      const user = await client.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: userName }));
      return user.UserAttributes?.find((attribute) => attribute.Name === CLAIMS.accountId)?.Value || undefined;
    },
    async bindAccount(userPoolId, userName, accountId) {
      await client.send(
        new AdminUpdateUserAttributesCommand({
          UserPoolId: userPoolId,
          Username: userName,
          UserAttributes: [{ Name: CLAIMS.accountId, Value: accountId }],
        }),
      );
    },
    async addToGroup(userPoolId, userName, group) {
      await client.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: userName, GroupName: group }));
    },
  };
}
