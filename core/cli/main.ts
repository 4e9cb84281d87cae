import { Command, CommanderError } from 'commander';
import { DataError } from '../types/index.js';
import { registerConfigCommands } from './config-commands.js';
import { registerDbCommands } from './db-commands.js';
import { registerGeneratorCommands } from './generators-commands.js';
import { registerMetricCommands } from './metrics-commands.js';
import { registerModelCommands } from './models-commands.js';
import { registerPromptCommands } from './prompts-commands.js';
import { registerRateCommand } from './rate-command.js';
import { registerRunCommands } from './run-commands.js';
import { registerRatingsCommands } from './ratings-commands.js';
import { registerArenaCommands } from './arena-commands.js';
import { registerAgreementCommands } from './agreement-commands.js';
import { registerStudyCommands } from './study-commands.js';
import { registerWorkerCommand } from './worker-command.js';
import { registerStatusCommand } from './status-command.js';
import { registerJobsCommands } from './jobs-commands.js';
import { registerJudgeCommands } from './judges-commands.js';

export function buildProgram(): Command {
  const program = new Command('loupe')
    .description(
      'Evaluate text-to-image and text-to-video generators: prompt sets, automatic metrics, blinded human rating, rankings with honest uncertainty.',
    )
    .version('0.1.0')
    .showHelpAfterError()
    // A command's options follow its own name, so `loupe rate coordinator-link -c x.yaml` is the
    // subcommand's --config, not `loupe rate`'s (set before the commands: they inherit it).
    .enablePositionalOptions()
    .exitOverride();
  registerPromptCommands(program);
  registerRunCommands(program);
  registerWorkerCommand(program);
  registerStatusCommand(program);
  registerJobsCommands(program);
  registerConfigCommands(program);
  registerGeneratorCommands(program);
  registerRatingsCommands(program);
  registerArenaCommands(program);
  registerAgreementCommands(program);
  registerModelCommands(program);
  registerMetricCommands(program);
  registerJudgeCommands(program);
  registerStudyCommands(program);
  registerRateCommand(program);
  registerDbCommands(program);
  return program;
}

/** Runs the CLI. Bad configuration or data exits with 2, other failures with 1; the process is never killed mid-work. */
export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (e) {
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
