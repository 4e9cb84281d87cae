// The store's public face: what other rooms use to open a store, name one, copy one, and hash
// content the way the store does. The `Store` interface itself lives in core/types.
export { openLabelledStore, openStore, type LoupeStore, type OpenStoreOptions } from './open-store.js';
export { configStoreSpec, describeSpec, parseStoreSpec, redactUrl, type StoreSpec } from './store-spec.js';
export { copyStore, type CopyOptions, type TableCopy } from './copy-store.js';
export { canonicalJson, sha256Hex } from './shared/canonical-json.js';
