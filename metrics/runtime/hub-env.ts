/**
 * transformers.js, imported lazily (it loads onnxruntime and sharp) and configured once: it reads
 * local folders only; `loupe models pull` is the one place that lets it reach the hub.
 */
type Transformers = typeof import('@huggingface/transformers');

let loaded: Promise<Transformers> | undefined;

export function transformers(): Promise<Transformers> {
  loaded ??= import('@huggingface/transformers').then((t) => {
    t.env.allowLocalModels = true;
    t.env.allowRemoteModels = false;
    t.env.useBrowserCache = false;
    // Loupe keeps its own cache (LOUPE_CACHE); transformers.js must not write a second one beside its package.
    t.env.useFSCache = false;
    t.env.logLevel = t.LogLevel?.ERROR ?? t.env.logLevel;
    return t;
  });
  return loaded;
}

export interface HubSettings {
  /** `HF_ENDPOINT`: a mirror such as https://hf-mirror.com; default https://huggingface.co. */
  endpoint: string;
  /** `HF_TOKEN`, sent to the endpoint for gated or private repositories. */
  token?: string;
}

export function hubSettings(env: NodeJS.ProcessEnv = process.env): HubSettings {
  const endpoint = (env.HF_ENDPOINT || 'https://huggingface.co').replace(/\/+$/, '') + '/';
  const token = env.HF_TOKEN || env.HUGGING_FACE_HUB_TOKEN || undefined;
  return { endpoint, token };
}

/**
 * Runs `body` with transformers.js allowed to download from the hub into `cacheDir`. transformers.js
 * only sends the token to huggingface.co; a mirror gets it too, as huggingface_hub does.
 */
export async function withHubAccess<T>(hub: HubSettings, cacheDir: string, body: (t: Transformers) => Promise<T>): Promise<T> {
  const t = await transformers();
  const saved = { ...t.env };
  const baseFetch = saved.fetch;
  t.env.allowRemoteModels = true;
  t.env.allowLocalModels = false;
  t.env.useFSCache = true;
  t.env.cacheDir = cacheDir;
  t.env.remoteHost = hub.endpoint;
  t.env.remotePathTemplate = '{model}/resolve/{revision}/';
  t.env.fetch = (input: string | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input.href;
    if (!hub.token || !url.startsWith(hub.endpoint)) return baseFetch(input, init);
    const headers = new Headers(init?.headers);
    headers.set('Authorization', `Bearer ${hub.token}`);
    return baseFetch(input, { ...init, headers });
  };
  try {
    return await body(t);
  } finally {
    Object.assign(t.env, {
      allowRemoteModels: saved.allowRemoteModels,
      allowLocalModels: saved.allowLocalModels,
      useFSCache: saved.useFSCache,
      cacheDir: saved.cacheDir,
      remoteHost: saved.remoteHost,
      remotePathTemplate: saved.remotePathTemplate,
      fetch: baseFetch,
    });
  }
}
