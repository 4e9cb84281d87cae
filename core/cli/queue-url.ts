import { InvalidArgumentError } from 'commander';
import { parseQueueUrl } from '../queue/index.js';

/** Commander's parser for `--queue <url>`: a bad URL is a usage error (exit 2) that names the option. */
export function queueUrlArg(value: string): string {
  try {
    return parseQueueUrl(value);
  } catch (e) {
    throw new InvalidArgumentError((e as Error).message);
  }
}
