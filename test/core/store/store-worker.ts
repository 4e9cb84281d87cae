// Run by the store tests in child processes, so that several processes share one store.
//   store-worker <spec> open                                  prints the migration versions this open applied
//   store-worker <spec> claim <owner> <key>...                claims every key and prints the keys it won
//   store-worker <spec> reserve <run> <budget> <price> <key>... reserves a paid request per key within the
//                                                             run's budget and prints the keys it reserved
import { openStore } from '../../../core/store/open-store.js';

const [spec, command, ...rest] = process.argv.slice(2);
if (!spec || !['open', 'claim', 'reserve'].includes(command ?? '')) {
  throw new Error('usage: store-worker <spec> open | claim <owner> <key>... | reserve <run> <budget> <price> <key>...');
}
const store = await openStore(spec);
const out: unknown[] = [];
if (command === 'open') out.push(...store.appliedMigrations);
else if (command === 'claim') {
  const [owner, ...keys] = rest;
  for (const key of keys) if (await store.claimGeneration(key, owner!)) out.push(key);
} else {
  const [runId, usd, price, ...keys] = rest;
  for (const key of keys) {
    const entry = { generationKey: key, generatorId: 'g', attempt: 1, phase: 'sending' as const, priceUsd: Number(price) };
    if ((await store.reserveLedgerEntry(entry, { runId: runId!, usd: Number(usd) })).ok) out.push(key);
  }
}
await store.close();
process.stdout.write(JSON.stringify(out));
