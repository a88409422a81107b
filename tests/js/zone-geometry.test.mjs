// The zone editor's pure geometry (src/CrowdPortal.Web/wwwroot/js/zone-geometry.js), run by `node --test tests/js/`
// from scripts/test.sh. Table rows carry a label, as in the C# tests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ZoneGeometry } from '../../src/CrowdPortal.Web/wwwroot/js/zone-geometry.js';

const square = [[0.2, 0.2], [0.8, 0.2], [0.8, 0.8], [0.2, 0.8]];

test('slug: zone ids from labels', () => {
    const rows = [
        ['plain words', 'Main entrance', 'main-entrance'],
        ['accents dropped', 'Café Zürich', 'cafe-zurich'],
        ['symbols become one dash, none at the ends', '  Gate #3 (north)!  ', 'gate-3-north'],
        ['nothing usable', '!!!', 'zone'],
        ['empty', '', 'zone'],
        ['reserved whole-frame id', 'Frame', 'frame-zone'],
        ['at most 48 characters, no dash at the cut', 'a'.repeat(47) + ' b', 'a'.repeat(47)],
    ];
    for (const [label, input, expected] of rows) {
        assert.equal(ZoneGeometry.slug(input), expected, label);
    }
});

test('uniqueId: a numeric suffix past the ids of the other zones, never against itself', () => {
    const door = { zoneId: 'door' };
    const door2 = { zoneId: 'door-2' };
    assert.equal(ZoneGeometry.uniqueId('Door', [door, door2]), 'door-3');
    assert.equal(ZoneGeometry.uniqueId('Door', [door], door), 'door', 'renaming a zone keeps its own id');
    assert.equal(ZoneGeometry.uniqueId('Door', []), 'door', 'no zones yet');
});

test('pointInPolygon: inside, outside and a concave notch', () => {
    const notched = [[0, 0], [1, 0], [1, 1], [0.5, 0.5], [0, 1]];
    const rows = [
        ['centre of a square', [0.5, 0.5], square, true],
        ['left of a square', [0.1, 0.5], square, false],
        ['below a square', [0.5, 0.9], square, false],
        ['in the notch of a concave polygon', [0.5, 0.9], notched, false],
        ['beside the notch', [0.9, 0.9], notched, true],
        ['no points', [0.5, 0.5], [], false],
    ];
    for (const [label, point, polygon, expected] of rows) {
        assert.equal(ZoneGeometry.pointInPolygon(point, polygon), expected, label);
    }
});

test('distanceToSegment: to the nearest point of the segment, ends included', () => {
    const rows = [
        ['above the middle', [5, 3], [0, 0], [10, 0], 3],
        ['past the end', [13, 4], [0, 0], [10, 0], 5],
        ['before the start', [-3, 0], [0, 0], [10, 0], 3],
        ['a segment of zero length', [3, 4], [0, 0], [0, 0], 5],
    ];
    for (const [label, p, a, b, expected] of rows) {
        assert.ok(Math.abs(ZoneGeometry.distanceToSegment(p, a, b) - expected) < 1e-9, label);
    }
});

test('clamp01 and round keep saved points inside the picture and short', () => {
    assert.deepEqual([-0.2, 0.3, 1.7].map(ZoneGeometry.clamp01), [0, 0.3, 1]);
    assert.equal(ZoneGeometry.round(0.123456), 0.1235);
    assert.equal(ZoneGeometry.round(1 / 3), 0.3333);
});

test('labelAnchor: the top-most point, the first one on a tie', () => {
    assert.deepEqual(ZoneGeometry.labelAnchor([[0.5, 0.9], [0.1, 0.2], [0.7, 0.2]]), [0.1, 0.2]);
    assert.deepEqual(ZoneGeometry.labelAnchor(square), [0.2, 0.2]);
});

test('rectFromCorners: the far area a drag spans, in fractions inside the picture', () => {
    const rows = [
        ['dragged down-right', [0, 0.08], [0.45, 0.33], { x: 0, y: 0.08, width: 0.45, height: 0.25 }],
        ['dragged up-left gives the same rectangle', [0.45, 0.33], [0, 0.08], { x: 0, y: 0.08, width: 0.45, height: 0.25 }],
        ['past the picture is clamped to it', [-0.2, 0.9], [0.5, 1.3], { x: 0, y: 0.9, width: 0.5, height: 0.1 }],
        ['rounded to 4 decimals', [0.123456, 0.2], [0.654321, 0.4], { x: 0.1235, y: 0.2, width: 0.5308, height: 0.2 }],
        ['a click without a drag is empty', [0.3, 0.3], [0.3, 0.3], { x: 0.3, y: 0.3, width: 0, height: 0 }],
    ];
    for (const [label, a, b, expected] of rows) {
        assert.deepEqual(ZoneGeometry.rectFromCorners(a, b), expected, label);
    }
});
