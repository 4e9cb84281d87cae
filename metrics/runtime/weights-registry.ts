/** The models Loupe knows: where each comes from, which of its files Loupe reads, its licence and its use. */
import { graphFile, type Precision } from './weights-precision.js';

export type ModelKind = 'clip' | 'chinese-clip' | 'owlvit' | 'aesthetic-mlp';

export interface KnownModel {
  /** Hugging Face hub id; also the model's folder under the cache. */
  id: string;
  kind: ModelKind;
  /** Files read at scoring time in fp32, relative to the model folder (hub layout). */
  files: readonly string[];
  /** Precisions the hub repository ships graphs for (q8: `<graph>_quantized.onnx` beside each graph). */
  precisions: readonly Precision[];
  licence: string;
  purpose: string;
  /** Prompt languages the model reads; an English-only CLIP on Chinese text does not apply. */
  languages: readonly ('zh' | 'en')[];
  /** Set when the hub has no ready ONNX export: how to make the files `loupe models pull --from` imports. */
  manualSource?: string;
}

const CLIP_FILES = [
  'config.json',
  'preprocessor_config.json',
  'tokenizer.json',
  'tokenizer_config.json',
  'onnx/text_model.onnx',
  'onnx/vision_model.onnx',
] as const;

export const KNOWN_MODELS: readonly KnownModel[] = [
  {
    id: 'Xenova/clip-vit-base-patch32',
    kind: 'clip',
    files: CLIP_FILES,
    precisions: ['fp32', 'q8'],
    licence: 'MIT (OpenAI CLIP)',
    purpose: 'clip-score on English prompts (CLIP ViT-B/32)',
    languages: ['en'],
  },
  {
    id: 'Xenova/clip-vit-large-patch14',
    kind: 'clip',
    files: CLIP_FILES,
    precisions: ['fp32', 'q8'],
    licence: 'MIT (OpenAI CLIP)',
    purpose: 'image embeddings for the LAION aesthetic head (CLIP ViT-L/14); clip-score with a larger model',
    languages: ['en'],
  },
  {
    id: 'Xenova/chinese-clip-vit-base-patch16',
    kind: 'chinese-clip',
    files: CLIP_FILES,
    precisions: ['fp32', 'q8'],
    licence: 'Apache-2.0 (OFA-Sys Chinese-CLIP)',
    purpose: 'clip-score on Chinese prompts (Chinese-CLIP ViT-B/16)',
    languages: ['zh', 'en'],
  },
  {
    id: 'Xenova/owlvit-base-patch32',
    kind: 'owlvit',
    files: ['config.json', 'preprocessor_config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx'],
    precisions: ['fp32', 'q8'],
    licence: 'Apache-2.0 (Google OWL-ViT)',
    purpose: 'count: open-vocabulary detection of the expected object',
    languages: ['en'],
  },
  {
    id: 'Xenova/owlv2-base-patch16-ensemble',
    kind: 'owlvit',
    files: ['config.json', 'preprocessor_config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx'],
    precisions: ['fp32', 'q8'],
    licence: 'Apache-2.0 (Google OWLv2)',
    purpose: 'count: a stronger open-vocabulary detector (OWLv2), slower',
    languages: ['en'],
  },
  {
    id: 'christophschuhmann/improved-aesthetic-predictor',
    kind: 'aesthetic-mlp',
    files: ['onnx/model.onnx'],
    precisions: ['fp32'],
    licence: 'Apache-2.0 (LAION improved aesthetic predictor)',
    purpose: 'aesthetic: MLP 768-1024-128-64-16-1 on the L2-normalised CLIP ViT-L/14 image embedding',
    languages: ['zh', 'en'],
    manualSource:
      'github.com/christophschuhmann/improved-aesthetic-predictor, sac+logos+ava1-l14-linearMSE.pth: export the MLP to ONNX ' +
      '(input "embedding" [batch, 768], output [batch, 1]) as onnx/model.onnx, then `loupe models pull <id> --from <folder>`',
  },
];

/** Which model each model-backed metric uses unless told otherwise. */
export const DEFAULT_MODELS = {
  'clip-en': 'Xenova/clip-vit-base-patch32',
  'clip-zh': 'Xenova/chinese-clip-vit-base-patch16',
  detector: 'Xenova/owlvit-base-patch32',
  'aesthetic-clip': 'Xenova/clip-vit-large-patch14',
  aesthetic: 'christophschuhmann/improved-aesthetic-predictor',
} as const;
export type ModelRole = keyof typeof DEFAULT_MODELS;
export const MODEL_ROLES = Object.keys(DEFAULT_MODELS) as ModelRole[];

/** A folder or hub id per role; the registry's default where a role is not given. */
export type ModelChoice = Partial<Record<ModelRole, string>>;

/** A weights precision per role; fp32 where a role is not given. */
export type PrecisionChoice = Partial<Record<ModelRole, Precision>>;

/** The files a known model reads at a precision; throws, naming the model and what it ships, where the hub has no such graphs. */
export function filesAt(known: KnownModel, precision: Precision): readonly string[] {
  if (!known.precisions.includes(precision))
    throw new Error(
      `model "${known.id}" has no ${precision} weights (its repository ships ${known.precisions.join(', ')}); choose one of those for its role`,
    );
  return known.files.map((f) => graphFile(f, precision));
}

export function knownModel(id: string): KnownModel | undefined {
  return KNOWN_MODELS.find((m) => m.id === id);
}
