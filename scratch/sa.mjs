import { Ajv2020 } from 'ajv/dist/2020.js';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { readFileSync, readdirSync } from 'node:fs';
const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true, strictRequired: false, code: { source: true, esm: true } });
const files = readdirSync('schemas').filter(f=>f.endsWith('.schema.json')).sort();
const refs = {};
let i = 0;
for (const f of files) { const s = JSON.parse(readFileSync('schemas/'+f,'utf8')); ajv.addSchema(s); }
for (const f of files) { const s = JSON.parse(readFileSync('schemas/'+f,'utf8'));
  if (f !== 'common.schema.json') refs['v'+(i++)] = s.$id;
  for (const d of Object.keys(s.$defs ?? {})) { const id = 'urn:ref:'+i; ajv.addSchema({ $id: id, $ref: s.$id + '#/$defs/' + d }); refs['v'+(i++)] = id; }
}
const code = standaloneCode.default(ajv, refs);
console.log(code.length, i);
import('node:fs').then(fs=>fs.writeFileSync('/tmp/sa-out.mjs', code));
