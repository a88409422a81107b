// Pure functions on a zone's normalised points (0..1 of the picture): ids from labels, hit tests, rounding. No DOM,
// so node --test runs them (tests/js/zone-geometry.test.mjs).
export const ZoneGeometry = {
    /** A zone id from its label: lowercase letters, digits and dashes, at most 48 characters; "frame" is reserved. */
    slug: function (label) {
        let s = String(label || '').toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
            .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 48).replace(/-+$/, '');
        if (!s) {
            s = 'zone';
        }
        return s === 'frame' ? 'frame-zone' : s;
    },

    /** The slug made unique among the other zones' ids by a numeric suffix. */
    uniqueId: function (label, zones, self) {
        const base = ZoneGeometry.slug(label);
        const taken = new Set(zones.filter(function (z) { return z !== self; }).map(function (z) { return z.zoneId; }));
        let id = base;
        for (let n = 2; taken.has(id); n++) {
            id = base + '-' + n;
        }
        return id;
    },

    pointInPolygon: function (p, points) {
        let inside = false;
        for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
            const a = points[i];
            const b = points[j];
            if ((a[1] > p[1]) !== (b[1] > p[1]) && p[0] < ((b[0] - a[0]) * (p[1] - a[1])) / (b[1] - a[1]) + a[0]) {
                inside = !inside;
            }
        }
        return inside;
    },

    /** Distance in pixels from p to the segment a-b (all in pixels). */
    distanceToSegment: function (p, a, b) {
        const dx = b[0] - a[0];
        const dy = b[1] - a[1];
        const lengthSquared = dx * dx + dy * dy;
        const t = lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / lengthSquared));
        return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
    },

    clamp01: function (v) {
        return Math.min(1, Math.max(0, v));
    },

    /** Rounds to 4 decimals (a tenth of a pixel on a 1280 px frame) so saved JSON stays short and stable. */
    round: function (v) {
        return Math.round(v * 10000) / 10000;
    },

    /**
     * The rectangle two corners span (dragged in any direction), clamped to the picture and rounded like zone points:
     * { x, y, width, height } in fractions, as the far-area API takes it.
     */
    rectFromCorners: function (a, b) {
        const x1 = ZoneGeometry.clamp01(Math.min(a[0], b[0]));
        const y1 = ZoneGeometry.clamp01(Math.min(a[1], b[1]));
        const x2 = ZoneGeometry.clamp01(Math.max(a[0], b[0]));
        const y2 = ZoneGeometry.clamp01(Math.max(a[1], b[1]));
        const x = ZoneGeometry.round(x1);
        const y = ZoneGeometry.round(y1);
        // Width from the rounded corners, so x + width never passes 1 by a rounding step.
        return { x: x, y: y, width: ZoneGeometry.round(ZoneGeometry.round(x2) - x), height: ZoneGeometry.round(ZoneGeometry.round(y2) - y) };
    },

    /** Where to write a zone's name: the top-most point, so the label sits on the zone's edge. */
    labelAnchor: function (points) {
        let best = points[0];
        points.forEach(function (p) {
            if (p[1] < best[1]) {
                best = p;
            }
        });
        return best;
    },
};
