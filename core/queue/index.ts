// The queue's public face: what the CLI's run, worker and status commands use of core/queue.
export { generateOnQueue, scoreOnQueue } from './queued-steps.js';
export { parseQueueUrl } from './redis-connection.js';
export { COUNTED_STATES, RunQueues } from './run-queues.js';
export { runWorker } from './run-worker.js';
export { generationTally } from './store-progress.js';
