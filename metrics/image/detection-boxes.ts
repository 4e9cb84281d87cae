/** Turning a detector's patch predictions into counted boxes: threshold, box conversion, NMS. */

export interface Box {
  /** Corners in pixels of the original image. */
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  score: number;
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** Relative (centre x, centre y, width, height) to pixel corners, clamped to the image. */
export function centreToCorners(cx: number, cy: number, w: number, h: number, width: number, height: number): Omit<Box, 'score'> {
  const clamp = (v: number, max: number) => Math.min(Math.max(v, 0), max);
  return {
    x1: clamp((cx - w / 2) * width, width),
    y1: clamp((cy - h / 2) * height, height),
    x2: clamp((cx + w / 2) * width, width),
    y2: clamp((cy + h / 2) * height, height),
  };
}

export function iou(a: Box, b: Box): number {
  const w = Math.max(0, Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1));
  const h = Math.max(0, Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1));
  const inter = w * h;
  const union = (a.x2 - a.x1) * (a.y2 - a.y1) + (b.x2 - b.x1) * (b.y2 - b.y1) - inter;
  return union <= 0 ? 0 : inter / union;
}

/** Greedy non-maximum suppression: the best box wins, boxes overlapping it above `iouThreshold` go. */
export function nonMaxSuppression(boxes: readonly Box[], iouThreshold: number): Box[] {
  const sorted = [...boxes].sort((a, b) => b.score - a.score);
  const kept: Box[] = [];
  for (const box of sorted) if (kept.every((k) => iou(k, box) <= iouThreshold)) kept.push(box);
  return kept;
}

export interface DetectionSettings {
  /** Minimum sigmoid score of a patch for the query. */
  threshold: number;
  nmsIou: number;
}

/**
 * Boxes for one query from per-patch logits ([patch * queries + query]) and relative centre boxes
 * ([patch * 4]), as Hugging Face's OWL-ViT post-processing computes them, then NMS.
 */
export function detectionsFor(
  pred: { patches: number; queries: number; logits: Float32Array; boxes: Float32Array },
  query: number,
  size: { width: number; height: number },
  settings: DetectionSettings,
): Box[] {
  const found: Box[] = [];
  for (let p = 0; p < pred.patches; p++) {
    const score = sigmoid(pred.logits[p * pred.queries + query]!);
    if (score < settings.threshold) continue;
    const b = pred.boxes.subarray(p * 4, p * 4 + 4);
    found.push({ ...centreToCorners(b[0]!, b[1]!, b[2]!, b[3]!, size.width, size.height), score });
  }
  return nonMaxSuppression(found, settings.nmsIou);
}
