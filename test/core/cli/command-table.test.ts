import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../core/cli/command-table.js';
import { runInProcess } from './run-in-process.js';

const { version } = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };

describe('the command table', () => {
  it('names exactly the top-level commands its modules define, each entry loading the module that defines it', async () => {
    const all = new Command();
    const loaders = new Set(COMMANDS.map((c) => c.load));
    for (const load of loaders) (await load())(all);
    expect(all.commands.map((c) => c.name()).sort()).toEqual(COMMANDS.map((c) => c.name).sort());
    for (const entry of COMMANDS) {
      const alone = new Command();
      (await entry.load())(alone);
      expect(alone.commands.map((c) => c.name())).toContain(entry.name);
    }
  });

  it('lists every command with its summary in loupe --help, and prints the package version', async () => {
    const help = await runInProcess(['--help']);
    expect(help.code).toBe(0);
    for (const c of COMMANDS)
      expect(help.stdout).toMatch(new RegExp(`^  ${c.name} +${c.summary.slice(0, 20).replace(/[()]/g, '\\$&')}`, 'm'));
    const v = await runInProcess(['--version']);
    expect(v.stdout.trim()).toBe(version);
  });

  it("suggests the command a typo was near, and shows a command's own options with loupe help <name>", async () => {
    const typo = await runInProcess(['promts']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain("error: unknown command 'promts'\n(Did you mean prompts?)");
    const run = await runInProcess(['help', 'run']);
    expect(run.stdout).toContain('Usage: loupe run [options]');
    expect(run.stdout).toContain('--config <file>');
  });
});
