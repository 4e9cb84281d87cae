import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { configJsonSchema, DEFAULT_CONFIG_FILE } from '../config/index.js';
import { configCatalog, loadConfigFile } from './compose.js';

export function registerConfigCommands(program: Command): void {
  const config = program.command('config').description('check a config file, or write the JSON Schema editors use');
  config
    .command('check')
    .description('validate a config file; errors name the line and field')
    .option('-c, --config <file>', 'the config file', DEFAULT_CONFIG_FILE)
    .action((options: { config: string }) => {
      const { config: c } = loadConfigFile(options.config);
      console.log(`${options.config}: ok (run "${c.run.id}", ${c.generators.length} generators, ${c.prompts.length} prompt sources)`);
    });
  config
    .command('schema')
    .description('print (or write) the JSON Schema of loupe.config.yaml')
    .option('--out <file>', 'write to this file instead of stdout')
    .action((options: { out?: string }) => {
      const text = JSON.stringify(configJsonSchema(Object.values(configCatalog().generators)), null, 2) + '\n';
      if (options.out) writeFileSync(options.out, text);
      else process.stdout.write(text);
    });
}
