import { Command, CommanderError } from 'commander';
import { loupeVersion } from '../types/package-version.js';
import { COMMANDS, commandIn } from './command-table.js';

/**
 * The program for `argv`: the command it runs is defined in full (its module imported now), the
 * others only by name and summary, which is all `loupe --help` and a mistyped name need.
 */
export async function buildProgram(argv: readonly string[]): Promise<Command> {
  const program = new Command('loupe')
    .description(
      'Evaluate text-to-image and text-to-video generators: prompt sets, automatic metrics, blinded human rating, rankings with honest uncertainty.',
    )
    .version(loupeVersion())
    .showHelpAfterError()
    // A command's options follow its own name, so `loupe rate coordinator-link -c x.yaml` is the
    // subcommand's --config, not `loupe rate`'s (set before the commands: they inherit it).
    .enablePositionalOptions()
    .exitOverride();
  const entry = commandIn(argv);
  if (entry) (await entry.load())(program);
  else for (const c of COMMANDS) program.command(c.name).description(c.summary);
  return program;
}

/** Runs the CLI. Bad configuration or data exits with 2, other failures with 1; the process is never killed mid-work. */
export async function main(argv: string[]): Promise<void> {
  try {
    await (await buildProgram(argv)).parseAsync(argv);
  } catch (e) {
    // Imported here: the types' index brings zod, which `loupe --help` does without.
    const { DataError } = await import('../types/index.js');
    if (e instanceof CommanderError) {
      process.exitCode = e.exitCode === 0 ? 0 : 2;
    } else if (e instanceof DataError) {
      console.error(`error: ${e.message}`);
      process.exitCode = 2;
    } else {
      const err = e as Error;
      console.error(`error: ${err.message}`);
      if (process.env.LOUPE_DEBUG) console.error(err.stack);
      process.exitCode = 1;
    }
  }
}
