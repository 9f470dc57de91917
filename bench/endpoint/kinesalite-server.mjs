// Starts kinesalite (from node_modules) on a free loopback port and prints its URL.
// kinesalite has no throttling; streams leave CREATING after 10 ms.
import { createRequire } from 'node:module';

const load = createRequire(import.meta.url);
const kinesalite = load('kinesalite');

const server = kinesalite({ createStreamMs: 10, deleteStreamMs: 10, updateStreamMs: 10, shardLimit: 100 });
server.listen(0, '127.0.0.1', () => {
  console.log(`listening at http://127.0.0.1:${server.address().port}`);
});
process.on('SIGTERM', () => process.exit(0));
