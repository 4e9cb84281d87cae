/** A small evaluation config: `generators` is YAML for the generators list. */
export function smallConfig(options: { generators?: string; prompts?: string; extra?: string } = {}): string {
  return [
    'run:',
    '  id: test-run',
    'prompts:',
    options.prompts ?? '  - { set: counting, sample: 3 }\n  - { set: text-rendering, sample: 2 }',
    'languages: [zh, en]',
    'generators:',
    options.generators ??
      '  - { id: good, type: synthetic, width: 96, height: 96 }\n  - { id: bad, type: synthetic, width: 96, height: 96, blur: 3, miscountRate: 1 }',
    'scheduler: { concurrency: 2, baseDelayMs: 1, maxDelayMs: 5 }',
    options.extra ?? '',
  ].join('\n');
}
