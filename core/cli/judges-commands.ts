import type { Command } from 'commander';
import sharp from 'sharp';
import { DEFAULT_CONFIG_FILE, type LoadedConfig } from '../config/index.js';
import type { JudgeClient } from '../types/index.js';
import { loadConfigFile } from './compose.js';
import { buildJudge } from './judges-build.js';

/** `loupe judges check`: one tiny request to each configured judge, one line each. */
export function registerJudgeCommands(program: Command): void {
  const judges = program.command('judges').description('the AI judges of the config (OpenAI-compatible vision-language endpoints)');
  judges
    .command('check')
    .description('send each judge one tiny image question: is it reachable, does it see the image, does it give log probabilities')
    .option('-c, --config <file>', 'config file', DEFAULT_CONFIG_FILE)
    .action(async (options: { config: string }) => {
      const loaded = loadConfigFile(options.config);
      if (loaded.config.judges.length === 0) {
        console.log(`no judges in ${loaded.file} (add a judges: list; see the README)`);
        return;
      }
      let problems = 0;
      for (const j of loaded.config.judges) {
        const line = await checkJudge(loaded, j.id);
        if (!line.ok) problems++;
        console.log(line.text);
      }
      if (problems > 0) process.exitCode = 1;
    });
}

/** A plain red square: a judge that sees images answers yes to "is it red?". */
const RED_SQUARE = sharp({ create: { width: 64, height: 64, channels: 3, background: '#e01010' } })
  .png()
  .toBuffer();

async function checkJudge(loaded: LoadedConfig, id: string): Promise<{ ok: boolean; text: string }> {
  let client: JudgeClient;
  try {
    client = buildJudge(loaded, id, { store: null, stop: new AbortController().signal });
  } catch (e) {
    return { ok: false, text: `${id}: ${(e as Error).message}` };
  }
  const e = client.endpoint;
  const image = `data:image/png;base64,${(await RED_SQUARE).toString('base64')}`;
  const body = {
    model: e.model,
    messages: [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Is this square red? Answer yes or no.' },
          { type: 'image_url', image_url: { url: image } },
        ],
      },
    ],
    max_tokens: 3,
    temperature: 0,
    ...(e.topLogprobs > 0 ? { logprobs: true, top_logprobs: e.topLogprobs } : {}),
  };
  const reply = await client.send({
    body,
    key: { template: 'check', text: '', mediaHash: '', imageSide: 64, frames: 1 },
    estimatedInputTokens: null,
    maxOutputTokens: 3,
  });
  if (!reply.ok) return { ok: false, text: `${id}: not reachable at ${e.endpoint}: [${reply.category}] ${reply.message}` };
  const answer = reply.body as {
    model?: string;
    choices?: { message?: { content?: string | null }; logprobs?: { content?: { top_logprobs?: unknown[] }[] | null } | null }[];
  };
  const choice = answer.choices?.[0];
  const text = (choice?.message?.content ?? '').trim();
  const sees = /^(yes|是)/i.test(text);
  const top = choice?.logprobs?.content?.[0]?.top_logprobs?.length ?? 0;
  const logprobs =
    e.topLogprobs === 0
      ? 'not asked (the preset gives none)'
      : top > 0
        ? `yes (${top} alternatives)`
        : 'no (vqascore will fail with no-logprobs)';
  return {
    ok: sees,
    text: `${id}: reachable (${answer.model ?? e.model}), image understanding: ${sees ? 'yes' : `no (answered ${JSON.stringify(text.slice(0, 40))} to a red square)`}, log probabilities: ${logprobs}`,
  };
}
