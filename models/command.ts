import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import {
  type GenerationRequest,
  type GenerationResult,
  type Generator,
  type GeneratorContext,
  excerpt,
  failure,
} from '../core/types/index.js';
import { checkMedia } from './http/media-check.js';

export const CommandConfigSchema = z.strictObject({
  id: z.string().min(1),
  type: z.literal('command'),
  /** The program to run: never through a shell, so a prompt cannot inject commands. */
  program: z.string().min(1),
  /** Arguments; {prompt}, {seed}, {sample}, {language}, {promptId} and {output} (the file to write) are replaced. */
  args: z.array(z.string()).default([]),
  modality: z.enum(['image', 'video']).default('image'),
  /** The output file's extension, for programs that pick the format from it. */
  extension: z
    .string()
    .regex(/^[a-z0-9]+$/)
    .default('png'),
  /** The working folder of the program. */
  cwd: z.string().optional(),
  /** Environment variables added for the program. */
  env: z.record(z.string(), z.string()).default({}),
  /** Exit codes that mean "refused by the model's safety filter". */
  refusedExitCodes: z.array(z.int()).default([]),
  maxBytes: z
    .int()
    .min(1)
    .default(512 * 1024 * 1024),
  /** Price of one run of the program in US dollars (a rented GPU); left out, the plan says "no price" and the run records 0. */
  pricePerRequestUsd: z.number().min(0).optional(),
});
export type CommandConfig = z.infer<typeof CommandConfigSchema>;

export function createCommandGenerator(input: z.input<typeof CommandConfigSchema>): Generator {
  const config = CommandConfigSchema.parse(input);
  const who = `command "${config.id}"`;
  return {
    id: config.id,
    type: 'command',
    modalities: [config.modality],
    synthetic: false,
    identity() {
      const { program, args, modality, extension } = config;
      return { program, args, modality, extension };
    },
    estimateCostUsd: () => config.pricePerRequestUsd,
    async generate(request: GenerationRequest, ctx: GeneratorContext): Promise<GenerationResult> {
      if (request.modality !== config.modality)
        return failure('bad-request', `${who} makes ${config.modality}, not ${request.modality}`, false);
      const dir = await mkdtemp(join(tmpdir(), 'loupe-command-'));
      const output = join(dir, `output.${config.extension}`);
      const values: Record<string, string> = {
        prompt: request.text,
        seed: String(request.seed),
        sample: String(request.sample),
        language: request.language,
        promptId: request.prompt.id,
        output,
      };
      const args = config.args.map((a) => a.replace(/\{(prompt|seed|sample|language|promptId|output)\}/g, (_m, k: string) => values[k]!));
      try {
        const exit = await run(config, args, ctx.signal);
        if (ctx.signal.aborted) return failure('cancelled', `${who}: stopped`, false);
        if (exit.error) return failure('bad-request', `${who}: cannot start ${config.program}: ${exit.error}`, false);
        if (exit.code !== 0) {
          const refused = exit.code !== null && config.refusedExitCodes.includes(exit.code);
          const how = exit.code === null ? `was killed (${exit.signal})` : `exited with ${exit.code}`;
          return failure(refused ? 'refused' : 'server', `${who}: ${config.program} ${how}: ${excerpt(exit.stderr, 300)}`, !refused);
        }
        const size = await stat(output).then(
          (s) => s.size,
          () => -1,
        );
        if (size < 0) return failure('invalid-output', `${who}: ${config.program} exited with 0 but wrote no {output} file`, false);
        if (size > config.maxBytes) return failure('invalid-output', `${who}: the output is larger than ${config.maxBytes} bytes`, false);
        const checked = await checkMedia(await readFile(output), config.modality, who);
        return checked.ok ? { ...checked, costUsd: config.pricePerRequestUsd ?? 0 } : checked;
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  error?: string;
}

function run(config: CommandConfig, args: string[], signal: AbortSignal): Promise<Exit> {
  return new Promise((resolve) => {
    const child = spawn(config.program, args, {
      cwd: config.cwd,
      env: { ...process.env, ...config.env },
      signal,
      killSignal: 'SIGKILL',
      stdio: ['ignore', 'ignore', 'pipe'],
      shell: false,
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString('utf8')).slice(-4000);
    });
    child.on('error', (e: NodeJS.ErrnoException) => {
      if (e.name === 'AbortError') return; // 'close' follows
      resolve({ code: null, signal: null, stderr, error: e.code ?? e.message });
    });
    child.on('close', (code, sig) => resolve({ code, signal: sig, stderr }));
  });
}
