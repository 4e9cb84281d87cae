import type { Command } from 'commander';
import { z } from 'zod';
import { DEFAULT_CONFIG_FILE } from '../config/index.js';
import { GENERATOR_TYPES } from './compose.js';
import { checkGenerators } from './generators-check.js';

interface OptionInfo {
  name: string;
  type: string;
  required: boolean;
  default?: unknown;
  values?: unknown[];
}

interface TypeInfo {
  type: string;
  description: string;
  synthetic: boolean;
  options: OptionInfo[];
}

type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  anyOf?: JsonSchema[];
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
};

/** Every adapter type with the options its config takes, read from its zod schema. */
export function generatorTypes(): TypeInfo[] {
  return Object.entries(GENERATOR_TYPES).map(([type, t]) => {
    const schema = z.toJSONSchema(t.schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
    const required = new Set(schema.required ?? []);
    const options = Object.entries(schema.properties ?? {})
      .filter(([name]) => name !== 'type')
      .map(([name, p]) => ({
        name,
        type: typeName(p),
        required: required.has(name) && p.default === undefined,
        ...(p.default !== undefined ? { default: p.default } : {}),
        ...(p.enum ? { values: p.enum } : {}),
      }));
    return { type, description: t.description, synthetic: t.synthetic, options };
  });
}

function typeName(p: JsonSchema): string {
  if (p.enum) return 'string';
  if (p.anyOf) return p.anyOf.map(typeName).join(' | ');
  if (p.type === 'array') return `${p.items ? typeName(p.items) : 'any'}[]`;
  if (Array.isArray(p.type)) return p.type.join(' | ');
  return p.type ?? 'any';
}

export function registerGeneratorCommands(program: Command): void {
  const generators = program.command('generators').description('the generator adapters this Loupe knows');
  generators
    .command('list')
    .description('each generator type, what it drives, and the options its config entry takes')
    .option('--json', 'print JSON for programs')
    .action((options: { json?: boolean }) => {
      const types = generatorTypes();
      if (options.json) {
        process.stdout.write(JSON.stringify(types, null, 2) + '\n');
        return;
      }
      const lines: string[] = [];
      for (const t of types) {
        lines.push(`${t.type}: ${t.description}`);
        for (const o of t.options) {
          const extra = [
            o.required ? 'required' : undefined,
            o.values ? `one of ${o.values.join(', ')}` : undefined,
            o.default !== undefined ? `default ${JSON.stringify(o.default)}` : undefined,
          ].filter(Boolean);
          lines.push(`  ${o.name.padEnd(20)} ${o.type}${extra.length ? ` (${extra.join('; ')})` : ''}`);
        }
        lines.push('');
      }
      process.stdout.write(lines.join('\n'));
    });
  generators
    .command('check')
    .description('build each generator of a config and list folder files and prompts that do not match; exits 1 on a problem')
    .option('-c, --config <file>', 'the config file', DEFAULT_CONFIG_FILE)
    .action(async (options: { config: string }) => {
      const problems = await checkGenerators(options.config, (line) => console.log(line));
      if (problems > 0) process.exitCode = 1;
    });
}
