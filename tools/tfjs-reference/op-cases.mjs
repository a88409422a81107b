// One tiny TF.js graph per behaviour of the importer's op mappers. Each case returns a GraphBuilder plus its outputs;
// make-op-fixtures.mjs runs them in TF.js and stores inputs and outputs for the C# parity tests.
import { GraphBuilder, attr } from './graph-builder.mjs';

/** Deterministic pseudo-random values in [lo, hi) (LCG), so fixtures regenerate identically. */
export function randoms(count, seed, lo = -1, hi = 1) {
  let state = seed >>> 0;
  const out = new Array(count);
  for (let i = 0; i < count; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out[i] = lo + ((hi - lo) * state) / 4294967296;
  }
  return out;
}

const count = (shape) => shape.reduce((a, b) => a * b, 1);
const nhwc = attr.s('NHWC');
const convAttrs = (strides, padding, extra = {}) => ({
  strides: attr.ints(strides),
  padding: attr.s(padding),
  data_format: nhwc,
  dilations: attr.ints([1, 1, 1, 1]),
  explicit_paddings: attr.ints([]),
  ...extra,
});

function weights(g, name, shape, seed) {
  return g.constant(name, shape, randoms(count(shape), seed, -0.5, 0.5));
}

export const cases = [
  {
    name: 'conv2d_same_stride2_bias_add',
    about: 'Conv2D NHWC, SAME padding with stride 2 and an odd total padding (TF pads the extra pixel bottom/right), then Add of a bias vector',
    build() {
      const g = new GraphBuilder();
      const x = g.placeholder('x', [1, 8, 10, 3]);
      const conv = g.op('conv', 'Conv2D', [x, weights(g, 'w', [3, 3, 3, 4], 1)], convAttrs([1, 2, 2, 1], 'SAME'));
      g.op('out', 'Add', [conv, weights(g, 'bias', [4], 2)]);
      return { g, outputs: ['out'] };
    },
  },
  {
    name: 'conv2d_valid_dilated_relu',
    about: 'Conv2D VALID with dilation 2, then Relu',
    build() {
      const g = new GraphBuilder();
      const x = g.placeholder('x', [1, 8, 8, 2]);
      const conv = g.op('conv', 'Conv2D', [x, weights(g, 'w', [3, 3, 2, 3], 3)], convAttrs([1, 1, 1, 1], 'VALID', { dilations: attr.ints([1, 2, 2, 1]) }));
      g.op('out', 'Relu', [conv]);
      return { g, outputs: ['out'] };
    },
  },
  {
    name: 'conv2d_explicit_padding_relu6',
    about: 'Conv2D with EXPLICIT asymmetric paddings, then Relu6',
    build() {
      const g = new GraphBuilder();
      const x = g.placeholder('x', [1, 5, 6, 2], 'float32');
      const conv = g.op('conv', 'Conv2D', [x, weights(g, 'w', [2, 3, 2, 3], 4)],
        convAttrs([1, 2, 1, 1], 'EXPLICIT', { explicit_paddings: attr.ints([0, 0, 1, 2, 2, 0, 0, 0]) }));
      g.op('out', 'Relu6', [g.op('scaled', 'Mul', [conv, g.constant('six', [], [6])])]);
      return { g, outputs: ['out'] };
    },
  },
  ...['Relu', 'Relu6', 'LeakyRelu', 'Prelu'].map((act, k) => ({
    name: `fused_conv2d_biasadd_${act.toLowerCase()}`,
    about: `_FusedConv2D with fused_ops [BiasAdd, ${act}]`,
    build() {
      const g = new GraphBuilder();
      const x = g.placeholder('x', [1, 6, 6, 3]);
      const args = [weights(g, 'bias', [4], 10 + k)];
      if (act === 'Prelu') args.push(weights(g, 'slope', [4], 20));
      const scaled = g.op('scaled', 'Mul', [x, g.constant('gain', [], [4])]);
      g.op('out', '_FusedConv2D', [scaled, weights(g, 'w', [3, 3, 3, 4], 30 + k), ...args], convAttrs([1, 1, 1, 1], 'SAME', {
        fused_ops: attr.strs(['BiasAdd', act]),
        num_args: attr.i(args.length),
        epsilon: attr.f(0),
        leakyrelu_alpha: attr.f(0.3),
      }));
      return { g, outputs: ['out'] };
    },
  })),
  {
    name: 'depthwise_multiplier2_same_stride2',
    about: 'DepthwiseConv2dNative with channel multiplier 2, SAME, stride 2 (output channel c*2+m)',
    build() {
      const g = new GraphBuilder();
      const x = g.placeholder('x', [1, 7, 8, 3]);
      g.op('out', 'DepthwiseConv2dNative', [x, weights(g, 'w', [3, 3, 3, 2], 40)], convAttrs([1, 2, 2, 1], 'SAME'));
      return { g, outputs: ['out'] };
    },
  },
  {
    name: 'fused_depthwise_biasadd_relu6',
    about: 'FusedDepthwiseConv2dNative with fused_ops [BiasAdd, Relu6]',
    build() {
      const g = new GraphBuilder();
      const x = g.placeholder('x', [1, 6, 5, 4]);
      const scaled = g.op('scaled', 'Mul', [x, g.constant('gain', [], [8])]);
      g.op('out', 'FusedDepthwiseConv2dNative', [scaled, weights(g, 'w', [3, 3, 4, 1], 41), weights(g, 'bias', [4], 42)],
        convAttrs([1, 1, 1, 1], 'SAME', { fused_ops: attr.strs(['BiasAdd', 'Relu6']), num_args: attr.i(1) }));
      return { g, outputs: ['out'] };
    },
  },
  {
    name: 'maxpool_same_and_valid',
    about: 'MaxPool 3x3 SAME stride 1 (CenterNet peak finding) and 3x3 VALID stride 2',
    build() {
      const g = new GraphBuilder();
      const x = g.placeholder('x', [1, 7, 7, 2]);
      g.op('same', 'MaxPool', [x], { ksize: attr.ints([1, 3, 3, 1]), strides: attr.ints([1, 1, 1, 1]), padding: attr.s('SAME'), data_format: nhwc });
      g.op('valid', 'MaxPool', [x], { ksize: attr.ints([1, 3, 3, 1]), strides: attr.ints([1, 2, 2, 1]), padding: attr.s('VALID'), data_format: nhwc });
      return { g, outputs: ['same', 'valid'] };
    },
  },
  {
    name: 'nchw_pad_transpose_conv_padv2_maxpool',
    about: 'NanoDet pattern: NCHW input, Pad, Transpose to NHWC, Conv2D, Transpose back, LeakyRelu, PadV2 with -inf, MaxPool',
    build() {
      const g = new GraphBuilder();
      const x = g.placeholder('x', [1, 3, 6, 6]);
      const padded = g.op('pad', 'Pad', [x, g.constant('paddings', [4, 2], [0, 0, 0, 0, 1, 1, 1, 1], 'int32')]);
      const toNhwc = g.op('to_nhwc', 'Transpose', [padded, g.constant('perm1', [4], [0, 2, 3, 1], 'int32')]);
      const conv = g.op('conv', 'Conv2D', [toNhwc, weights(g, 'w', [3, 3, 3, 4], 50)], convAttrs([1, 1, 1, 1], 'VALID'));
      const biased = g.op('biased', 'Add', [conv, weights(g, 'bias', [4], 51)]);
      const toNchw = g.op('to_nchw', 'Transpose', [biased, g.constant('perm2', [4], [0, 3, 1, 2], 'int32')]);
      const act = g.op('act', 'LeakyRelu', [toNchw], { alpha: attr.f(0.1) });
      const padV2 = g.op('padv2', 'PadV2', [act, g.constant('paddings2', [4, 2], [0, 0, 0, 0, 1, 0, 0, 1], 'int32'), g.constant('neg_inf', [], [-Infinity])]);
      const back = g.op('to_nhwc2', 'Transpose', [padV2, g.constant('perm3', [4], [0, 2, 3, 1], 'int32')]);
      g.op('pool', 'MaxPool', [back], { ksize: attr.ints([1, 3, 3, 1]), strides: attr.ints([1, 2, 2, 1]), padding: attr.s('VALID'), data_format: nhwc });
      g.op('out', 'Transpose', ['pool', g.constant('perm4', [4], [0, 3, 1, 2], 'int32')]);
      return { g, outputs: ['out', 'act'] };
    },
  },
  {
    name: 'pads_that_do_not_fold_into_conv',
    about: 'PadV2 with a non-zero fill before Conv2D, and Pad of the channel axis before Conv2D: both must stay real Pads',
    build() {
      const g = new GraphBuilder();
      const x = g.placeholder('x', [1, 4, 5, 2]);
      const filled = g.op('filled', 'PadV2', [x, g.constant('p1', [4, 2], [0, 0, 1, 1, 0, 2, 0, 0], 'int32'), g.constant('half', [], [0.5])]);
      g.op('conv_filled', 'Conv2D', [filled, weights(g, 'w1', [3, 3, 2, 2], 70)], convAttrs([1, 1, 1, 1], 'VALID'));
      const channels = g.op('channels', 'Pad', [x, g.constant('p2', [4, 2], [0, 0, 0, 0, 0, 0, 1, 0], 'int32')]);
      g.op('conv_channels', 'Conv2D', [channels, weights(g, 'w2', [1, 1, 3, 2], 71)], convAttrs([1, 1, 1, 1], 'SAME'));
      return { g, outputs: ['conv_filled', 'conv_channels'] };
    },
  },
  {
    name: 'binary_broadcasting',
    about: 'Add, AddV2, Sub, Mul between tensors of different ranks and a broadcast constant',
    build() {
      const g = new GraphBuilder();
      const a = g.placeholder('a', [2, 3, 4]);
      const b = g.placeholder('b', [4]);
      const c = g.placeholder('c', [1, 3, 1]);
      g.op('add', 'Add', [a, b]);
      g.op('addv2', 'AddV2', [c, a]);
      g.op('sub', 'Sub', [b, a]);
      g.op('mul', 'Mul', [a, g.constant('k', [3, 1], [0.5, -2, 3])]);
      return { g, outputs: ['add', 'addv2', 'sub', 'mul'] };
    },
  },
  {
    name: 'activations',
    about: 'Relu, Relu6, LeakyRelu (alpha 0.1) and Sigmoid on values spanning both sides of every kink',
    build() {
      const g = new GraphBuilder();
      const raw = g.placeholder('x', [2, 10]);
      const x = g.op('x8', 'Mul', [raw, g.constant('eight', [], [8])]);
      g.op('relu', 'Relu', [x]);
      g.op('relu6', 'Relu6', [x]);
      g.op('leaky', 'LeakyRelu', [x], { alpha: attr.f(0.1) });
      g.op('sigmoid', 'Sigmoid', [x]);
      return { g, outputs: ['relu', 'relu6', 'leaky', 'sigmoid'] };
    },
  },
  {
    name: 'concat_splitv',
    about: 'ConcatV2 on a negative axis, SplitV with a -1 size',
    build() {
      const g = new GraphBuilder();
      const a = g.placeholder('a', [2, 3, 2]);
      const b = g.placeholder('b', [2, 3, 3]);
      const cat = g.op('cat', 'ConcatV2', [a, b, g.constant('axis', [], [-1], 'int32')], { N: attr.i(2), Tidx: attr.type('int32') });
      g.op('split', 'SplitV', [cat, g.constant('sizes', [3], [2, -1, 1], 'int32'), g.constant('dim', [], [2], 'int32')], { num_split: attr.i(3) });
      return { g, outputs: ['cat', 'split', 'split:1', 'split:2'] };
    },
  },
  {
    name: 'concat_empty_input',
    about: 'Empty-input row: ConcatV2 where one input has a zero-sized axis',
    build() {
      const g = new GraphBuilder();
      const a = g.placeholder('a', [2, 0]);
      const b = g.placeholder('b', [2, 3]);
      g.op('cat', 'ConcatV2', [a, b, g.constant('axis', [], [1], 'int32')], { N: attr.i(2) });
      return { g, outputs: ['cat'] };
    },
  },
  ...[
    ['resize_half_pixel_up', [1, 3, 5, 2], [6, 10], false, true],
    ['resize_legacy_up', [1, 4, 4, 2], [8, 8], false, false],
    ['resize_align_corners_up', [1, 3, 4, 1], [7, 9], true, false],
    ['resize_half_pixel_down', [1, 7, 9, 1], [3, 4], false, true],
    ['resize_legacy_down', [1, 7, 9, 1], [3, 4], false, false],
  ].map(([name, shape, size, alignCorners, halfPixel]) => ({
    name,
    about: `ResizeBilinear ${shape} -> ${size}, align_corners=${alignCorners}, half_pixel_centers=${halfPixel}`,
    build() {
      const g = new GraphBuilder();
      const x = g.placeholder('x', shape);
      g.op('out', 'ResizeBilinear', [x, g.constant('size', [2], size, 'int32')], { align_corners: attr.b(alignCorners), half_pixel_centers: attr.b(halfPixel) });
      return { g, outputs: ['out'] };
    },
  })),
  {
    name: 'mean_squeeze_excite',
    about: 'CenterNet squeeze-excite: conv output (channels-first inside ONNX), Mean over H,W with keep_dims, Mul back; Mean without keep_dims on -1',
    build() {
      const g = new GraphBuilder();
      const x = g.placeholder('x', [1, 5, 6, 3]);
      const conv = g.op('conv', 'Conv2D', [x, weights(g, 'w', [1, 1, 3, 4], 60)], convAttrs([1, 1, 1, 1], 'SAME'));
      const mean = g.op('mean', 'Mean', [conv, g.constant('axes', [2], [1, 2], 'int32')], { keep_dims: attr.b(true) });
      g.op('excite', 'Mul', [conv, g.op('gate', 'Sigmoid', [mean])]);
      g.op('flat_mean', 'Mean', [conv, g.constant('axis', [], [-1], 'int32')], { keep_dims: attr.b(false) });
      return { g, outputs: ['excite', 'flat_mean'] };
    },
  },
  {
    name: 'reshape_expanddims_identity',
    about: 'Reshape with -1, ExpandDims with a negative axis, Identity',
    build() {
      const g = new GraphBuilder();
      const x = g.placeholder('x', [2, 3, 4]);
      const r = g.op('reshape', 'Reshape', [x, g.constant('shape', [2], [4, -1], 'int32')]);
      const e = g.op('expand', 'ExpandDims', [r, g.constant('dim', [], [-1], 'int32')]);
      g.op('out', 'Identity', [e]);
      return { g, outputs: ['out'] };
    },
  },
  {
    name: 'strided_slice_masks',
    about: 'StridedSlice with begin/end masks, shrink_axis, new_axis, ellipsis, negative stride and negative indices',
    build() {
      const g = new GraphBuilder();
      const x = g.placeholder('x', [2, 5, 6]);
      const c = (n, v) => g.constant(n, [v.length], v, 'int32');
      const slice = (name, b, e, s, masks) => g.op(name, 'StridedSlice', [x, c(`${name}/b`, b), c(`${name}/e`, e), c(`${name}/s`, s)], {
        begin_mask: attr.i(masks.begin ?? 0), end_mask: attr.i(masks.end ?? 0), ellipsis_mask: attr.i(masks.ellipsis ?? 0),
        new_axis_mask: attr.i(masks.newAxis ?? 0), shrink_axis_mask: attr.i(masks.shrink ?? 0), Index: attr.type('int32'),
      });
      slice('centernet_style', [0, 0, 2], [0, 0, 3], [1, 1, 1], { begin: 3, end: 3 });
      slice('shrink', [1, 1], [2, 4], [1, 1], { shrink: 1 });
      slice('new_axis', [0, 0, 1], [0, 0, 5], [1, 1, 2], { begin: 1, end: 1, newAxis: 2 });
      slice('ellipsis', [0, -2], [0, 0], [1, 1], { ellipsis: 1, end: 2 });
      slice('reverse', [0, -1, 0], [0, 0, 0], [1, -2, 1], { begin: 5, end: 7 });
      slice('negative_end', [0, 1, -5], [2, -1, -1], [1, 2, 3], {});
      return { g, outputs: ['centernet_style', 'shrink', 'new_axis', 'ellipsis', 'reverse', 'negative_end'] };
    },
  },
  {
    name: 'peaks_topk_gather_floordiv',
    about: 'CenterNet decode: Equal(x, MaxPool(x)) -> Cast -> Mul, Reshape, TopKV2, int32 FloorDiv/FloorMod, Cast to float, GatherV2, ExpandDims, ConcatV2',
    build() {
      const g = new GraphBuilder();
      const x = g.placeholder('x', [1, 6, 6, 3]);
      const wh = g.placeholder('wh', [1, 6, 6, 2]);
      const pooled = g.op('pooled', 'MaxPool', [x], { ksize: attr.ints([1, 3, 3, 1]), strides: attr.ints([1, 1, 1, 1]), padding: attr.s('SAME'), data_format: nhwc });
      const eq = g.op('eq', 'Equal', [x, pooled]);
      const mask = g.op('mask', 'Cast', [eq], { SrcT: attr.type('bool'), DstT: attr.type('float32') });
      const peaks = g.op('peaks', 'Mul', [x, mask]);
      const flat = g.op('flat', 'Reshape', [peaks, g.constant('flat_shape', [2], [1, -1], 'int32')]);
      g.op('topk', 'TopKV2', [flat, g.constant('k', [], [7], 'int32')], { sorted: attr.b(true) });
      const three = g.constant('three', [], [3], 'int32');
      const cell = g.op('cell', 'FloorDiv', ['topk:1', three], { T: attr.type('int32') });
      const cls = g.op('cls', 'FloorMod', ['topk:1', three], { T: attr.type('int32') });
      const row = g.op('row', 'FloorDiv', [cell, g.constant('six', [], [6], 'int32')], { T: attr.type('int32') });
      const clsF = g.op('cls_f', 'Cast', [g.op('cls_e', 'ExpandDims', [cls, g.constant('e1', [], [-1], 'int32')], { T: attr.type('int32') })],
        { SrcT: attr.type('int32'), DstT: attr.type('float32') });
      const rowF = g.op('row_f', 'Cast', [g.op('row_e', 'ExpandDims', [row, g.constant('e2', [], [-1], 'int32')], { T: attr.type('int32') })],
        { SrcT: attr.type('int32'), DstT: attr.type('float32') });
      const whFlat = g.op('wh_flat', 'Reshape', [wh, g.constant('wh_shape', [2], [36, 2], 'int32')]);
      const idx = g.op('idx', 'Reshape', [cell, g.constant('idx_shape', [1], [-1], 'int32')], { T: attr.type('int32') });
      const gathered = g.op('gathered', 'GatherV2', [whFlat, idx, g.constant('gaxis', [], [0], 'int32')], { batch_dims: attr.i(0) });
      const sizes = g.op('sizes', 'Reshape', [gathered, g.constant('sizes_shape', [3], [1, 7, 2], 'int32')]);
      const score = g.op('score', 'ExpandDims', ['topk', g.constant('e3', [], [-1], 'int32')]);
      g.op('detections', 'ConcatV2', [rowF, sizes, score, clsF, g.constant('cat_axis', [], [-1], 'int32')], { N: attr.i(4) });
      return { g, outputs: ['detections', 'topk:1', 'row'] };
    },
  },
  {
    name: 'floordiv_floormod_float_negative',
    about: 'Float FloorDiv and FloorMod round toward negative infinity (TF), unlike C truncation',
    inputs: { a: [-7, -3.5, -1, 0, 2.5, 7, 9, -9], b: [2, 2, 3, 4, -2, -3, 4, -4] },
    build() {
      const g = new GraphBuilder();
      const a = g.placeholder('a', [8]);
      const b = g.placeholder('b', [8]);
      g.op('div', 'FloorDiv', [a, b]);
      g.op('mod', 'FloorMod', [a, b]);
      return { g, outputs: ['div', 'mod'] };
    },
  },
  {
    name: 'sparse_to_dense_folded_reshape',
    about: 'onnx-tf pattern: an empty SparseToDense plus AddV2 on int64 constants builds a Reshape target, folded at import',
    build() {
      const g = new GraphBuilder();
      const x = g.placeholder('x', [1, 4, 3, 3]);
      const nodeAttrs = { T: attr.type('int64'), Tindices: attr.type('int64'), validate_indices: attr.b(true) };
      const sparse = g.op('std', 'SparseToDense', [
        g.constant('where', [0, 1], [], 'int64'), g.constant('dense_shape', [1], [3], 'int64'),
        g.constant('values', [0], [], 'int64'), g.constant('zero', [], [0], 'int64'),
      ], nodeAttrs);
      const target = g.op('target', 'AddV2', [g.constant('base', [3], [1, 4, -1], 'int64'), sparse], { T: attr.type('int64') });
      g.op('out', 'Reshape', [x, target], { Tshape: attr.type('int64') });
      return { g, outputs: ['out'] };
    },
  },
];
