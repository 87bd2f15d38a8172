// Every text in Dutch and English: both dictionaries hold the same keys with the same placeholders,
// and every key the pages and scripts name exists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const { check, dictionaryKeys } = await import('../../main/webroot/js/i18n.js');
const webroot = fileURLToPath(new URL('../../main/webroot/', import.meta.url));
const read = (path) => readFileSync(webroot + path, 'utf8');

test('Dutch and English have the same keys and placeholders, and no empty text', () => {
  assert.deepEqual(check(null), []);
});

test('every key a page or script names literally is in the dictionaries', () => {
  const keys = new Set(dictionaryKeys());
  const missing = [];
  for (const file of readdirSync(webroot + 'js').filter((f) => f.endsWith('.js'))) {
    for (const m of read(`js/${file}`).matchAll(/\bt\(\s*'([a-zA-Z0-9_.-]+)'/g)) {
      if (!keys.has(m[1])) missing.push(`${file}: ${m[1]}`);
    }
  }
  for (const file of readdirSync(webroot).filter((f) => f.endsWith('.html'))) {
    for (const m of read(file).matchAll(/data-i18n="([^"]+)"/g)) if (!keys.has(m[1])) missing.push(`${file}: ${m[1]}`);
    for (const m of read(file).matchAll(/data-i18n-attr="([^"]+)"/g)) {
      for (const pair of m[1].split(';')) {
        const key = (pair.split(':')[1] || '').trim();
        if (key && !keys.has(key)) missing.push(`${file}: ${key}`);
      }
    }
  }
  assert.deepEqual(missing, []);
});
