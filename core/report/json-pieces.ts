/**
 * The text of `JSON.stringify(value, null, 2)`, in pieces: objects are opened and closed here,
 * key by key, and each array element is stringified alone and indented to its depth. A report
 * of 160,000 generations is then never one string of hundreds of megabytes: no piece is bigger
 * than one element of its long lists (generations, failures, ledger rows).
 */
export function* jsonPieces(value: unknown, indent = ''): Generator<string> {
  if (value === null || typeof value !== 'object' || 'toJSON' in value) {
    yield stringify(value, indent);
  } else if (Array.isArray(value)) {
    const inner = `${indent}  `;
    for (let i = 0; i < value.length; i++) yield `${i === 0 ? '[' : ','}\n${inner}${stringify(value[i], inner)}`;
    yield value.length === 0 ? '[]' : `\n${indent}]`;
  } else {
    const inner = `${indent}  `;
    // JSON.stringify leaves out the keys whose values it cannot write.
    const entries = Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol');
    for (const [i, [key, v]] of entries.entries()) {
      yield `${i === 0 ? '{' : ','}\n${inner}${JSON.stringify(key)}: `;
      yield* jsonPieces(v, inner);
    }
    yield entries.length === 0 ? '{}' : `\n${indent}}`;
  }
}

/**
 * JSON.stringify with two spaces, each line after the first indented by `indent` (a string
 * value never holds a raw newline); what it cannot write is `null`, as in an array.
 */
function stringify(value: unknown, indent: string): string {
  const text = JSON.stringify(value, null, 2) as string | undefined;
  if (text === undefined) return 'null';
  return indent ? text.replaceAll('\n', `\n${indent}`) : text;
}
