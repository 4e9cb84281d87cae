// Run by the store tests in child processes, so that several processes share one store.
//   store-worker <spec> open                   prints the migration versions this open applied
//   store-worker <spec> claim <owner> <key>... claims every key and prints the keys it won
import { openStore } from '../../../core/store/open-store.js';

const [spec, command, owner, ...keys] = process.argv.slice(2);
if (!spec || (command !== 'open' && !(command === 'claim' && owner))) {
  throw new Error('usage: store-worker <spec> open | store-worker <spec> claim <owner> <key>...');
}
const store = await openStore(spec);
const out: unknown[] = [];
if (command === 'open') out.push(...store.appliedMigrations);
else for (const key of keys) if (await store.claimGeneration(key, owner!)) out.push(key);
await store.close();
process.stdout.write(JSON.stringify(out));
