/**
 * Weights precision. `fp32` is the export as trained; `q8` is ONNX Runtime's dynamic int8
 * quantization of the same graph (weights int8 per tensor, activations quantized per call:
 * DynamicQuantizeLinear and MatMulInteger), which the hub repositories Loupe pulls from ship as
 * `<graph>_quantized.onnx` beside each fp32 graph.
 */
export const PRECISIONS = ['fp32', 'q8'] as const;
export type Precision = (typeof PRECISIONS)[number];
export const DEFAULT_PRECISION: Precision = 'fp32';

/** The file of a graph at a precision: `onnx/vision_model.onnx` at q8 is `onnx/vision_model_quantized.onnx`; other files are shared. */
export function graphFile(file: string, precision: Precision): string {
  return precision === 'fp32' || !file.endsWith('.onnx') ? file : file.replace(/\.onnx$/, '_quantized.onnx');
}

/**
 * A metric's id at its models' precision: the plain id when every model runs fp32, else
 * `<id>@q8`. Scores of the two are different numbers: the store keys them apart and the report
 * shows them as columns of their own, never averaged together.
 */
export function metricIdAt(id: string, precisions: readonly Precision[]): string {
  const other = PRECISIONS.find((p) => p !== DEFAULT_PRECISION && precisions.includes(p));
  return other ? `${id}@${other}` : id;
}
