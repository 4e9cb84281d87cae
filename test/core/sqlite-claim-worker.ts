// Run by sqlite-store.test.ts in a child process: claims every key it is given in a shared
// database and prints the keys it won as JSON.
import { openSqliteStore } from '../../core/store/sqlite-store.js';

const [file, owner, ...keys] = process.argv.slice(2);
if (!file || !owner) throw new Error('usage: sqlite-claim-worker <file> <owner> <key>...');
const store = await openSqliteStore(file);
const won: string[] = [];
for (const key of keys) if (await store.claimGeneration(key, owner)) won.push(key);
await store.close();
process.stdout.write(JSON.stringify(won));
