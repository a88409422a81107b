// Writes the op-by-op importer fixtures: for every case in op-cases.mjs a tiny TF.js graph model (model.json + .bin,
// float16-quantised weights) and, in expected.json, the inputs fed and the outputs TF.js computed.
// Run by hand from the repository root:  node tools/tfjs-reference/make-op-fixtures.mjs
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cases, randoms } from './op-cases.mjs';
import { loadGraphModelFromFile, runModel } from './tfjs-runtime.mjs';

const outDir = 'tests/CrowdPortal.Vision.Tests/Fixtures/tfjs/ops';
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

const expected = { description: 'TF.js 4.22 (CPU backend) outputs of tiny graphs; see ../README.md.', cases: [] };
let seed = 1000;
for (const c of cases) {
  const { g, outputs } = c.build();
  const { modelJson, shard } = g.build(outputs, `${c.name}.bin`);
  writeFileSync(join(outDir, `${c.name}.json`), JSON.stringify(modelJson) + '\n');
  writeFileSync(join(outDir, `${c.name}.bin`), shard);

  const inputs = {};
  for (const [name, spec] of Object.entries(g.inputs)) {
    const n = spec.shape.reduce((a, b) => a * b, 1);
    const values = c.inputs?.[name] ?? randoms(n, seed++).map(Math.fround);
    inputs[name] = { shape: spec.shape, dtype: spec.dtype, data: Float32Array.from(values) };
  }

  const { model } = await loadGraphModelFromFile(join(outDir, `${c.name}.json`));
  const results = await runModel(model, inputs, outputs);
  expected.cases.push({
    name: c.name,
    about: c.about,
    model: `${c.name}.json`,
    inputs: Object.fromEntries(Object.entries(inputs).map(([n, v]) => [n, { shape: v.shape, dtype: v.dtype, values: Array.from(v.data) }])),
    outputs: Object.fromEntries(outputs.map((n) => [n, { shape: results[n].shape, dtype: results[n].dtype, values: Array.from(results[n].data, Number) }])),
  });
  console.log(`${c.name}: ${outputs.map((n) => `${n}[${results[n].shape}]`).join(' ')}`);
}

writeFileSync(join(outDir, 'expected.json'), JSON.stringify(expected, null, 1) + '\n');
console.log(`wrote ${expected.cases.length} cases to ${outDir}`);
