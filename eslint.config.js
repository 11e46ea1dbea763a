// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'web/dist/', 'cdk.out/', '.data/', '.cache/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['*/functions/*', 'hono', 'hono/*', '@aws-sdk/*', 'aws-cdk-lib*'], message: 'shared/domain stays free of Hono, AWS SDK and CDK' }] },
      ],
    },
    files: ['shared/domain/**/*.ts'],
  },
  {
    files: ['functions/api/routes/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@aws-sdk/*', 'stripe'], message: 'routes call use cases; SDKs live behind ports' }] }],
    },
  },
);
