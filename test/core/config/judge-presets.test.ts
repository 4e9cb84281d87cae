import { describe, expect, it } from 'vitest';
import { JudgeConfigSchema, judgeTarget } from '../../../core/config/judges.js';

const target = (fields: Record<string, unknown>) => judgeTarget(JudgeConfigSchema.parse({ id: 'j', model: 'm', ...fields }));

describe('judge presets', () => {
  it('ask for as many log probabilities as the service lists, and never more than its maximum', () => {
    expect(target({ provider: 'openai' }).topLogprobs).toBe(20);
    expect(target({ provider: 'dashscope' }).topLogprobs).toBe(5);
    expect(target({ provider: 'dashscope', topLogprobs: 20 }).topLogprobs).toBe(5);
    expect(target({ provider: 'openai', topLogprobs: 3 }).topLogprobs).toBe(3);
  });

  it('ask a service that returns none for none, unless the judge names a number (a newer server may list them)', () => {
    expect(target({ provider: 'lmstudio' }).topLogprobs).toBe(0);
    expect(target({ provider: 'zhipu' }).topLogprobs).toBe(0);
    expect(target({ provider: 'lmstudio', topLogprobs: 5 }).topLogprobs).toBe(5);
  });

  it('send Azure the api-version query and OpenAI nothing of it', () => {
    expect(target({ provider: 'azure-openai', baseUrl: 'https://r.openai.azure.com/openai/deployments/d' }).url).toBe(
      'https://r.openai.azure.com/openai/deployments/d/chat/completions?api-version=2024-10-21',
    );
    expect(target({ provider: 'openai' }).url).toBe('https://api.openai.com/v1/chat/completions');
  });
});
