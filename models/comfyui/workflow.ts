import type { GenerationRequest } from '../../core/types/index.js';

/** A ComfyUI workflow in API format: node id → { class_type, inputs, _meta.title }. */
export type Workflow = Record<string, { class_type?: string; inputs?: Record<string, unknown>; _meta?: { title?: string } }>;

interface NodeRef {
  node: string;
  input?: string;
}

/** The node id for an id or a unique title; a missing or ambiguous name is a configuration error. */
export function findNode(workflow: Workflow, name: string, file: string): string {
  if (workflow[name]) return name;
  const byTitle = Object.entries(workflow)
    .filter(([, n]) => n._meta?.title === name)
    .map(([id]) => id);
  if (byTitle.length === 1) return byTitle[0]!;
  const why = byTitle.length === 0 ? 'no node has that id or title' : `${byTitle.length} nodes have that title`;
  throw new Error(`comfyui workflow ${file}: node "${name}": ${why}`);
}

/** A copy of the workflow with the prompt, negative prompt and seed placed into their nodes. */
export function placeInputs(
  workflow: Workflow,
  config: { nodes: { prompt: NodeRef; negative?: NodeRef; seed?: NodeRef }; negativePrompt: string },
  request: GenerationRequest,
): Workflow {
  const graph = structuredClone(workflow);
  const set = (ref: NodeRef | undefined, fallback: string, value: unknown) => {
    if (!ref) return;
    const id = findNode(graph, ref.node, 'workflow');
    const node = graph[id]!;
    node.inputs = { ...node.inputs, [ref.input ?? fallback]: value };
  };
  set(config.nodes.prompt, 'text', request.text);
  set(config.nodes.negative, 'text', config.negativePrompt);
  set(config.nodes.seed, 'seed', request.seed);
  return graph;
}

export interface ComfyFile {
  filename: string;
  subfolder?: string;
  type?: string;
}

/** Every saved file of a finished prompt (images, gifs, videos...), from one node or all. */
export function resultFiles(outputs: Record<string, Record<string, unknown>>, nodeId: string | undefined): ComfyFile[] {
  const nodes = nodeId === undefined ? Object.values(outputs) : [outputs[nodeId] ?? {}];
  return nodes.flatMap((out) =>
    Object.values(out).flatMap((list) =>
      Array.isArray(list) ? list.filter((f): f is ComfyFile => typeof (f as ComfyFile)?.filename === 'string') : [],
    ),
  );
}
