// The rating service's public face: the CLI starts it.
export { startRaterServer } from './serve.js';
