import nx from '@nx/eslint-plugin';

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    ignores: ['**/dist', '**/out-tsc', '**/node_modules', '**/vitest.config.*.timestamp*', 'test_output/**'],
  },
  {
    files: ['**/src/**/*.ts', '**/src/**/*.mjs', 'tools/ci/**/*.mjs', 'tools/bench/**/*.mjs'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: [],
          depConstraints: [
            // layer:testing is test support, a dev dependency of every package.
            { sourceTag: 'layer:testing', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'layer:cache', onlyDependOnLibsWithTags: ['layer:testing'] },
            { sourceTag: 'layer:pipeline', onlyDependOnLibsWithTags: ['layer:cache', 'layer:testing'] },
            { sourceTag: 'layer:dashboard', onlyDependOnLibsWithTags: ['layer:cache', 'layer:testing'] },
            {
              sourceTag: 'layer:cli',
              onlyDependOnLibsWithTags: ['layer:cache', 'layer:pipeline', 'layer:dashboard', 'layer:testing'],
            },
            {
              sourceTag: 'layer:tools',
              onlyDependOnLibsWithTags: [
                'layer:cache',
                'layer:pipeline',
                'layer:cli',
                'layer:dashboard',
                'layer:testing',
              ],
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportExpression[source.value='espeak-ng']",
          message:
            'eSpeak NG is GPL-3.0-or-later and kept behind one module: use the voice providers of @streamgank/pipeline (src/voice/espeak.ts).',
        },
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'fluent-ffmpeg',
              message:
                'fluent-ffmpeg is archived upstream: use the FFmpeg module of @streamgank/pipeline (src/media/ffmpeg.ts).',
            },
            {
              name: 'espeak-ng',
              message:
                'eSpeak NG is GPL-3.0-or-later and kept behind one module: use the voice providers of @streamgank/pipeline (src/voice/espeak.ts).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      // No-op callbacks (a silent logger, an ignored event) are deliberate here.
      '@typescript-eslint/no-empty-function': 'off',
    },
  },
];
