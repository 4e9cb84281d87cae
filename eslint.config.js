// The import directions of DESIGN.md ("Which way imports go"), checked on every `npm test`.
// Each room may import the rooms listed for it, and only through their public face (index.ts);
// tests, benchmarks and scripts may reach into any room.
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

/** Room -> the rooms it may import. Anything not listed here is forbidden to it. */
const ROOMS = {
  'core/types': [],
  prompts: ['core/types'],
  models: ['core/types'],
  metrics: ['core/types'],
  'core/analysis': ['core/types'],
  'core/config': ['core/types', 'prompts', 'core/store'],
  'core/store': ['core/types'],
  'core/media-store': ['core/types', 'core/config', 'core/store'],
  'core/study': ['core/types', 'core/analysis'],
  'core/run': ['core/types', 'core/config', 'core/store', 'prompts'],
  'core/report': ['core/types', 'core/analysis', 'core/study'],
  'core/queue': ['core/types', 'core/config', 'core/run'],
  'rater-ui/shared': ['core/types'],
  'rater-ui/server': ['core/types', 'core/analysis', 'core/study', 'rater-ui/shared'],
  'rater-ui/web': ['rater-ui/shared'],
};
/** The composition root: the one room that may import every other (DESIGN.md, point 5). */
const COMPOSITION_ROOT = 'core/cli';
/** The few files a room may import past another's face, each with its reason. */
const BRIDGES = {
  // `loupe --version` and `--help` start without the types' index, which brings zod (bin/loupe.js start-up).
  // `loupe prompts list` starts without the config's index, which brings the stores (pg, better-sqlite3) through stored-config.ts.
  'core/cli': [
    { room: 'core/types', file: 'package-version.ts' },
    { room: 'core/config', file: 'load.ts' },
  ],
  // The client is typed by the server's routes (Hono's hc<ApiType>, a type-only import); nothing of the server is bundled.
  'rater-ui/web': [{ room: 'rater-ui/server', file: 'app.ts' }],
  // The browser bundle carries the dimensions, the scale's wording and the study request schema; core/types/index.ts also brings node:crypto (seeded-random).
  'rater-ui/shared': [
    { room: 'core/types', file: 'dimensions.ts' },
    { room: 'core/types', file: 'rating-scale.ts' },
    { room: 'core/types', file: 'study-request.ts' },
  ],
};

const allRooms = [...Object.keys(ROOMS), COMPOSITION_ROOT];

function zonesFor(room, allowed) {
  return allRooms
    .filter((other) => other !== room && !other.startsWith(`${room}/`))
    .map((other) => {
      const bridge = (BRIDGES[room] ?? []).filter((b) => b.room === other).map((b) => `./${b.file}`);
      if (allowed.includes(other)) {
        return {
          target: `./${room}`,
          from: `./${other}`,
          except: ['./index.ts', ...bridge],
          message: `import ${other} through its public face, ${other}/index.ts.`,
        };
      }
      return {
        target: `./${room}`,
        from: `./${other}`,
        ...(bridge.length ? { except: bridge } : {}),
        message: `${room} may not import ${other} (DESIGN.md, "Which way imports go"; rooms and rules in eslint.config.js).`,
      };
    });
}

const zones = [
  ...Object.entries(ROOMS).flatMap(([room, allowed]) => zonesFor(room, allowed)),
  ...zonesFor(
    COMPOSITION_ROOT,
    allRooms.filter((r) => r !== COMPOSITION_ROOT),
  ),
];

export default [
  { ignores: ['node_modules/', '.tsbuild/', '.loupe/', 'reports/', 'dist/', 'coverage/', 'test/fixtures/'] },
  {
    files: ['**/*.ts', '**/*.js', '**/*.mjs'],
    languageOptions: { parser: tseslint.parser, ecmaVersion: 2023, sourceType: 'module' },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [
        createTypeScriptImportResolver({ project: ['tsconfig.json', 'rater-ui/web/tsconfig.json'], noWarnOnMultipleProjects: true }),
      ],
    },
    rules: {
      // An import the resolver cannot follow would slip past the directions below: it is an error.
      'import-x/no-unresolved': ['error', { ignore: ['^tsx/esm/api$'] }],
      'import-x/no-restricted-paths': ['error', { zones }],
    },
  },
];
