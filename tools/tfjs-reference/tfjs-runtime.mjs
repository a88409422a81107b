// Loads a TF.js graph model (model.json + weight shards) from disk and runs it on TF.js's own CPU backend.
// No network: the IOHandler below reads the files itself, so tf.io's HTTP loader is never involved.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfconv from '@tensorflow/tfjs-converter';

let backendReady;

/** Selects the CPU backend once: it is the reference kernel set, deterministic and free of WASM set-up. */
export async function ensureBackend() {
  backendReady ??= (async () => {
    await tf.setBackend('cpu');
    await tf.ready();
  })();
  return backendReady;
}

/** Turns a parsed model.json plus its folder into the artifacts tf.loadGraphModel expects. */
export function artifactsFromModelJson(modelJson, folder) {
  const weightSpecs = [];
  const buffers = [];
  for (const group of modelJson.weightsManifest ?? []) {
    weightSpecs.push(...group.weights);
    for (const shard of group.paths) {
      buffers.push(readFileSync(join(folder, shard)));
    }
  }
  const all = Buffer.concat(buffers);
  return {
    modelTopology: modelJson.modelTopology,
    format: modelJson.format,
    generatedBy: modelJson.generatedBy,
    convertedBy: modelJson.convertedBy,
    signature: modelJson.signature,
    userDefinedMetadata: modelJson.userDefinedMetadata,
    weightSpecs,
    weightData: all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength),
  };
}

/** Loads model.json from a path on disk. */
export async function loadGraphModelFromFile(modelJsonPath) {
  await ensureBackend();
  const modelJson = JSON.parse(readFileSync(modelJsonPath, 'utf8'));
  const artifacts = artifactsFromModelJson(modelJson, dirname(modelJsonPath));
  const handler = { load: async () => artifacts };
  return { model: await tfconv.loadGraphModel(handler), modelJson };
}

/**
 * Runs the model on named float32 inputs ({name: {shape, data: Float32Array}}) and returns
 * {name: {shape, dtype, data: TypedArray}} for the requested output names (TF names without ':0').
 */
export async function runModel(model, inputs, outputNames) {
  const feeds = {};
  for (const [name, value] of Object.entries(inputs)) {
    feeds[name] = tf.tensor(value.data, value.shape, value.dtype ?? 'float32');
  }
  const raw = await model.executeAsync(feeds, outputNames);
  const list = Array.isArray(raw) ? raw : [raw];
  const result = {};
  for (let i = 0; i < outputNames.length; i++) {
    result[outputNames[i]] = { shape: list[i].shape, dtype: list[i].dtype, data: await list[i].data() };
  }
  tf.dispose([...Object.values(feeds), ...list]);
  return result;
}

export { tf };
