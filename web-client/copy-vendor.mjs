// Copies the browser builds of the npm dependencies into the jar's webroot/vendor,
// so the server serves every script itself (workshop rooms are often offline).
import { copyFileSync, mkdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const target = process.argv[2];
if (!target) {
  console.error('usage: node copy-vendor.mjs TARGET_DIR');
  process.exit(2);
}
const files = [
  ['node_modules/sockjs-client/dist/sockjs.min.js', 'sockjs.min.js'],
  ['node_modules/@vertx/eventbus-bridge-client.js/vertx-eventbus.js', 'vertx-eventbus.js'],
];
mkdirSync(target, { recursive: true });
for (const [from, to] of files) {
  if (!existsSync(from)) {
    console.error(`missing ${from}: run npm ci first`);
    process.exit(1);
  }
  copyFileSync(from, join(target, to));
}
console.log(`copied ${files.length} vendor scripts to ${target}`);
