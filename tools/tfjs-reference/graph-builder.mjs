// Builds tiny TF.js graph models (model.json + one weight shard) the way tfjs-converter writes them:
// GraphDef nodes in JSON, every Const in the weights manifest, float weights quantised to float16, int32 as is.

const dtypeEnum = { float32: 'DT_FLOAT', int32: 'DT_INT32', int64: 'DT_INT64', bool: 'DT_BOOL' };

/** GraphDef attribute helpers (strings are base64 in JSON, ints are decimal strings). */
export const attr = {
  s: (v) => ({ s: Buffer.from(v).toString('base64') }),
  i: (v) => ({ i: String(v) }),
  f: (v) => ({ f: v }),
  b: (v) => ({ b: v }),
  type: (dtype) => ({ type: dtypeEnum[dtype] }),
  ints: (v) => ({ list: { i: v.map(String) } }),
  strs: (v) => ({ list: { s: v.map((x) => Buffer.from(x).toString('base64')) } }),
  shape: (dims) => ({ shape: { dim: dims.map((d) => ({ size: String(d) })) } }),
};

/** float32 -> IEEE half bits, round to nearest even (Node 20 has no Float16Array). */
export function toHalfBits(value) {
  const f32 = new Float32Array([value]);
  const bits = new Uint32Array(f32.buffer)[0];
  const sign = (bits >>> 16) & 0x8000;
  const exp = (bits >>> 23) & 0xff;
  let mant = bits & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  let e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - e;
    let half = mant >>> shift;
    const rem = mant & ((1 << shift) - 1);
    const mid = 1 << (shift - 1);
    if (rem > mid || (rem === mid && (half & 1))) half++;
    return sign | half;
  }
  let half = sign | (e << 10) | (mant >>> 13);
  const rem = mant & 0x1fff;
  if (rem > 0x1000 || (rem === 0x1000 && (half & 1))) half++;
  return half;
}

/** Accumulates placeholders, constants and op nodes, then serialises a model.json + weight bytes. */
export class GraphBuilder {
  constructor() {
    this.nodes = [];
    this.weights = [];
    this.chunks = [];
    this.inputs = {};
  }

  placeholder(name, shape, dtype = 'float32') {
    this.nodes.push({ name, op: 'Placeholder', attr: { dtype: attr.type(dtype), shape: attr.shape(shape) } });
    this.inputs[name] = { shape, dtype };
    return name;
  }

  /** A Const whose values go to the weight shard (floats as float16, ints as int32). */
  constant(name, shape, values, dtype = 'float32') {
    const count = shape.reduce((a, b) => a * b, 1);
    if (values.length !== count) throw new Error(`${name}: ${values.length} values for shape [${shape}]`);
    this.nodes.push({
      name,
      op: 'Const',
      attr: { dtype: attr.type(dtype), value: { tensor: { dtype: dtypeEnum[dtype], tensorShape: attr.shape(shape).shape } } },
    });
    if (dtype === 'float32') {
      const buf = Buffer.alloc(count * 2);
      values.forEach((v, i) => buf.writeUInt16LE(toHalfBits(v), i * 2));
      this.chunks.push(buf);
      this.weights.push({ name, shape, dtype, quantization: { dtype: 'float16', original_dtype: 'float32' } });
    } else {
      const buf = Buffer.alloc(count * 4);
      values.forEach((v, i) => buf.writeInt32LE(v, i * 4));
      this.chunks.push(buf);
      this.weights.push({ name, shape, dtype: 'int32' });
    }
    return name;
  }

  op(name, op, inputs, attrs = {}) {
    this.nodes.push({ name, op, input: inputs, attr: { T: attr.type('float32'), ...attrs } });
    return name;
  }

  /** model.json object and the bytes of its single shard. */
  build(outputs, shardName) {
    const signatureOutputs = {};
    for (const o of outputs) signatureOutputs[o.includes(':') ? o : `${o}:0`] = { name: o.includes(':') ? o : `${o}:0` };
    const signatureInputs = {};
    for (const [name, spec] of Object.entries(this.inputs)) {
      signatureInputs[`${name}:0`] = { name: `${name}:0`, dtype: dtypeEnum[spec.dtype] };
    }
    return {
      modelJson: {
        format: 'graph-model',
        generatedBy: 'CrowdPortal tools/tfjs-reference',
        convertedBy: 'CrowdPortal tools/tfjs-reference',
        signature: { inputs: signatureInputs, outputs: signatureOutputs },
        modelTopology: { node: this.nodes, library: {}, versions: {} },
        weightsManifest: [{ paths: [shardName], weights: this.weights }],
      },
      shard: Buffer.concat(this.chunks),
    };
  }
}
