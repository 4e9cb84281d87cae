import { join } from 'node:path';
import type { PromptSet } from '../../core/types/index.js';
import type { LocatedPrompts } from '../located-prompts.js';
import { readDsg } from './dsg.js';
import { readGeneval } from './geneval.js';
import { readImagereward } from './imagereward.js';
import { readParti } from './parti.js';
import { readCompbench } from './t2i-compbench.js';
import { readTifa } from './tifa.js';
import { readDimensionLists } from './vbench.js';

/** The folder of the public suites' files as published, each with its licence and SOURCE.md. */
export const PUBLIC_DIR = join(import.meta.dirname, '..', 'public');
const at = (...parts: string[]) => join(PUBLIC_DIR, ...parts);

/** A public benchmark suite built in: where its files come from and how they are read. */
export interface Suite {
  header: Omit<PromptSet, 'prompts'>;
  /** sha256 of the prompts as read (first 16 hex digits): a change of text must come with a new version. */
  textHash: string;
  read(): LocatedPrompts;
}

const suite = (
  header: Omit<PromptSet, 'prompts' | 'description'> & { description: string },
  textHash: string,
  read: () => LocatedPrompts,
): Suite => ({
  header,
  textHash,
  read,
});

export const SUITES: readonly Suite[] = [
  suite(
    {
      id: 'parti',
      version: 1,
      title: 'PartiPrompts (P2)',
      description: '1,632 English prompts in 12 categories; the challenge (Basic, Quantity, Writing & Symbols...) as a tag. English only.',
      license: 'Apache-2.0',
      upstream: {
        repository: 'google-research/parti',
        commit: '5a657978134374ce28973948331b319adef164bd',
        paper: 'Yu et al. 2022, arXiv:2206.10789',
      },
    },
    '24d47d84d395cdef',
    () => readParti(at('parti', 'PartiPrompts.tsv')),
  ),
  suite(
    {
      id: 'geneval',
      version: 1,
      title: 'GenEval',
      description:
        '553 English prompts in six tasks with the objects, counts, colours and positions each image must show (expect.layout). English only.',
      license: 'MIT',
      upstream: {
        repository: 'djghosh13/geneval',
        commit: 'af4902f24d3ca90ebbb446dd9891a59e0f82725f',
        paper: 'Ghosh et al., NeurIPS 2023 D&B',
      },
    },
    '132955e5ff3274b3',
    () => readGeneval(at('geneval', 'evaluation_metadata.jsonl')),
  ),
  suite(
    {
      id: 't2i-compbench',
      version: 1,
      title: 'T2I-CompBench (validation split)',
      description:
        'The 300-prompt validation split of each of 8 compositional categories (colour, shape, texture, spatial, 3D spatial, non-spatial, numeracy, complex). English only.',
      license: 'MIT',
      upstream: {
        repository: 'Karine-Huang/T2I-CompBench',
        commit: '1b7094991a57f3c22abdd4f6e8ba6c1a15517073',
        paper: 'Huang et al., NeurIPS 2023',
      },
    },
    '1f993b661559f573',
    () => readCompbench(at('t2i-compbench')),
  ),
  suite(
    {
      id: 'tifa-v1',
      version: 1,
      title: 'TIFA v1.0',
      description:
        '4,081 English prompts from COCO, PartiPrompts, PaintSkills and DrawBench (the source as category). Its question file is not shipped. English only.',
      license: 'Apache-2.0',
      upstream: { repository: 'Yushi-Hu/tifa', commit: '8e37050f44ab4ee681e4251f3c8a9d4cc86e901e', paper: 'Hu et al., ICCV 2023' },
    },
    'eba7b4dcf7f9e943',
    () => readTifa(at('tifa-v1', 'tifa_v1.0_text_inputs.json')),
  ),
  suite(
    {
      id: 'drawbench',
      version: 1,
      title: 'DrawBench (the 161 prompts in TIFA v1.0)',
      description:
        'The 161 of DrawBench’s 200 prompts that TIFA v1.0 includes (the only copy in a public repository); the full file imports with `loupe prompts import --format tifa`. English only.',
      license: 'Apache-2.0',
      upstream: {
        repository: 'Yushi-Hu/tifa',
        commit: '8e37050f44ab4ee681e4251f3c8a9d4cc86e901e',
        paper: 'Saharia et al. 2022 (Imagen), arXiv:2205.11487',
      },
    },
    '11cfad938e10a564',
    () => readTifa(at('tifa-v1', 'tifa_v1.0_text_inputs.json'), 'drawbench'),
  ),
  suite(
    {
      id: 'dsg-1k',
      version: 1,
      title: 'DSG-1k',
      description:
        '1,060 English prompts from 10 sources, each with its atomic yes/no questions and their dependencies (expect.questions), for the question-based judge. English only.',
      license: 'Apache-2.0',
      upstream: { repository: 'j-min/DSG', commit: '7330119a39f76ff90e619a8bd3ff321e71aa986b', paper: 'Cho et al., ICLR 2024' },
    },
    'a14872407774264f',
    () => readDsg(at('dsg-1k', 'dsg-1k-anns.csv')),
  ),
  suite(
    {
      id: 'vbench',
      version: 1,
      title: 'VBench (per dimension)',
      description:
        'VBench’s per-dimension video prompts (11 dimensions, 946 listings of 944 prompts) with the line-aligned Chinese; 5 videos per prompt, 25 for temporal flickering, as its protocol prescribes.',
      license: 'Apache-2.0',
      upstream: { repository: 'Vchitect/VBench', commit: '45e79ec14e69a2187202c675d2dbce1a71843d53', paper: 'Huang et al., CVPR 2024' },
      samples: 5,
    },
    '7367912694270ad2',
    () =>
      readDimensionLists({
        en: at('vbench', 'en'),
        zh: at('vbench', 'zh'),
        zhNames: { 'overall_consistency.txt': 'overall.txt' },
        samplesFor: { temporal_flickering: 25 },
        idPrefix: 'vbench',
      }),
  ),
  suite(
    {
      id: 'vbench-category',
      version: 1,
      title: 'VBench (per content category)',
      description: 'VBench’s 8 content categories of 100 video prompts each. English only (upstream has no Chinese for these).',
      license: 'Apache-2.0',
      upstream: { repository: 'Vchitect/VBench', commit: '45e79ec14e69a2187202c675d2dbce1a71843d53', paper: 'Huang et al., CVPR 2024' },
      samples: 5,
    },
    '44071c138b0a0378',
    () => readDimensionLists({ en: at('vbench', 'category'), zh: null, idPrefix: 'vbench-category', tag: 'category' }),
  ),
  suite(
    {
      id: 'vbench2',
      version: 1,
      title: 'VBench-2.0',
      description:
        'VBench-2.0’s video prompts in 18 dimensions with the line-aligned Chinese; 3 videos per prompt, 20 for diversity, as its protocol prescribes.',
      license: 'Apache-2.0',
      upstream: {
        repository: 'Vchitect/VBench',
        commit: '45e79ec14e69a2187202c675d2dbce1a71843d53',
        paper: 'Zheng et al. 2025, arXiv:2503.21755',
      },
      samples: 3,
    },
    '6c9a9cf042fd4a22',
    () => readDimensionLists({ en: at('vbench2', 'en'), zh: at('vbench2', 'zh'), samplesFor: { Diversity: 20 }, idPrefix: 'vbench2' }),
  ),
  suite(
    {
      id: 'imagereward-test',
      version: 1,
      title: 'ImageReward test prompts',
      description:
        'The 466 DiffusionDB prompts of ImageReward’s test set, verbatim; its expert rankings of the images stay in the shipped file. English only.',
      license: 'Apache-2.0',
      upstream: { repository: 'THUDM/ImageReward', commit: 'c1392c6dd0fd6ecd6d416c96959ab744a6d0a8fb', paper: 'Xu et al., NeurIPS 2023' },
    },
    '247f85657f20c52e',
    () => readImagereward(at('imagereward', 'test.json'), 'diffusiondb'),
  ),
  suite(
    {
      id: 'imagereward-bench',
      version: 1,
      title: 'ImageReward benchmark prompts',
      description: 'The 100 prompts of the ImageReward model benchmark. English only.',
      license: 'Apache-2.0',
      upstream: { repository: 'THUDM/ImageReward', commit: 'c1392c6dd0fd6ecd6d416c96959ab744a6d0a8fb', paper: 'Xu et al., NeurIPS 2023' },
    },
    '5cd248fdc8c4aea6',
    () => readImagereward(at('imagereward', 'benchmark-prompts.json'), 'diffusiondb'),
  ),
];
