// The zone editor of the dashboard: draws zones over the frame on a <canvas> and lets the user add polygons, counting
// lines and masks, drag their points, select and delete them, and edit each zone's label, colour, thresholds and area
// in a side panel. All coordinates are normalised (0..1 of the picture) so they match the API and survive any size.
// Three parts: ZoneCanvas (drawing + pointer/keyboard), ZonePanel (the forms), and ZoneEditor, which owns the state
// and tells the other two to redraw; the pure geometry is its own module (zone-geometry.js, tested by node --test).
import { fitCanvas, levelInfo, onResize } from './portal.js';
import { ZoneGeometry } from './zone-geometry.js';

const PALETTE = ['#0d6efd', '#d63384', '#20c997', '#fd7e14', '#6f42c1', '#0dcaf0', '#198754', '#6c757d'];
const MIN_POINTS = { polygon: 3, mask: 3, line: 2 };
const MAX_POINTS = 100;
const HANDLE_RADIUS = 7;   // CSS pixels: the size of a point's handle
const HIT_RADIUS = 11;     // CSS pixels: how close a click must be to grab a point (a finger is not a mouse)
const KEY_STEP = 0.005;    // arrow keys move a point by half a percent; Shift moves 4x as far

/** A diagonal hatch, so masks read as "ignored area" even in greyscale. */
function hatchPattern(ctx, ratio) {
    const size = Math.round(10 * ratio);
    const tile = document.createElement('canvas');
    tile.width = size;
    tile.height = size;
    const t = tile.getContext('2d');
    t.fillStyle = 'rgba(60, 60, 60, 0.35)';
    t.fillRect(0, 0, size, size);
    t.strokeStyle = 'rgba(255, 255, 255, 0.55)';
    t.lineWidth = Math.max(1, ratio);
    t.beginPath();
    t.moveTo(0, size);
    t.lineTo(size, 0);
    t.stroke();
    return ctx.createPattern(tile, 'repeat');
}

// ---- ZoneCanvas: draws the zones and turns pointer and keys into editor commands -----------------------------

class ZoneCanvas {
    constructor(canvas, image, editor) {
        this.canvas = canvas;
        this.image = image;
        this.editor = editor;
        this.ctx = canvas.getContext('2d');
        this.hover = null;
        this.drag = null;
        this.pattern = null;
        this.bindPointer();
        this.bindKeys();
        const self = this;
        onResize(image, function () {
            if (fitCanvas(canvas, image)) {
                self.pattern = null;
                self.draw();
            }
        });
    }

    ratio() {
        return this.canvas.width / Math.max(1, this.image.clientWidth);
    }

    /** Normalised point under a pointer event. */
    toNormal(event) {
        const rect = this.canvas.getBoundingClientRect();
        return [
            ZoneGeometry.clamp01((event.clientX - rect.left) / Math.max(1, rect.width)),
            ZoneGeometry.clamp01((event.clientY - rect.top) / Math.max(1, rect.height)),
        ];
    }

    /** Normalised point to CSS pixels of the displayed picture (hit tests work in what the user sees). */
    toCss(p) {
        const rect = this.canvas.getBoundingClientRect();
        return [p[0] * rect.width, p[1] * rect.height];
    }

    toPixels(p) {
        return [p[0] * this.canvas.width, p[1] * this.canvas.height];
    }

    /** The zone and point index nearest to p (within the hit radius), the selected zone first. */
    hitPoint(p) {
        const zones = this.editor.zones;
        const order = zones.map(function (z, i) { return i; });
        const selected = this.editor.selectedZone;
        if (selected >= 0) {
            order.splice(order.indexOf(selected), 1);
            order.unshift(selected);
        }
        const target = this.toCss(p);
        for (const zi of order) {
            const points = zones[zi].points;
            for (let pi = 0; pi < points.length; pi++) {
                const q = this.toCss(points[pi]);
                if (Math.hypot(q[0] - target[0], q[1] - target[1]) <= HIT_RADIUS) {
                    return { zone: zi, point: pi };
                }
            }
        }
        return null;
    }

    /** The top-most zone whose body (inside a polygon, near a line) is under p, or -1. */
    hitZone(p) {
        const zones = this.editor.zones;
        const target = this.toCss(p);
        for (let zi = zones.length - 1; zi >= 0; zi--) {
            const zone = zones[zi];
            if (zone.kind === 'line') {
                const a = this.toCss(zone.points[0]);
                const b = this.toCss(zone.points[1]);
                if (ZoneGeometry.distanceToSegment(target, a, b) <= HIT_RADIUS) {
                    return zi;
                }
            } else if (ZoneGeometry.pointInPolygon(p, zone.points)) {
                return zi;
            }
        }
        return -1;
    }

    bindPointer() {
        const self = this;
        const canvas = this.canvas;
        canvas.addEventListener('pointerdown', function (e) {
            if (e.button !== 0) {
                return;
            }
            canvas.focus({ preventScroll: true });
            const p = self.toNormal(e);
            if (self.editor.tool !== 'select') {
                self.editor.addDraftPoint(p, self.closesDraft(p));
                return;
            }
            const hit = self.hitPoint(p);
            if (hit) {
                self.editor.select(hit.zone, hit.point);
                self.drag = hit;
                canvas.setPointerCapture(e.pointerId);
                e.preventDefault();
                return;
            }
            self.editor.select(self.hitZone(p), -1);
        });
        canvas.addEventListener('pointermove', function (e) {
            const p = self.toNormal(e);
            if (self.drag) {
                self.editor.movePoint(self.drag.zone, self.drag.point, p, false);
                return;
            }
            self.hover = p;
            self.updateCursor(p);
            if (self.editor.draft) {
                self.draw();
            }
        });
        const endDrag = function () {
            if (self.drag) {
                self.drag = null;
                self.editor.changed(false);
            }
        };
        canvas.addEventListener('pointerup', endDrag);
        canvas.addEventListener('pointercancel', endDrag);
        canvas.addEventListener('pointerleave', function () {
            self.hover = null;
            if (self.editor.draft) {
                self.draw();
            }
        });
        // Two clicks already added the same point twice; the editor drops the duplicate when it closes.
        canvas.addEventListener('dblclick', function (e) {
            e.preventDefault();
            self.editor.finishDraft();
        });
    }

    /** True when p is on the draft's first point and the draft has enough points to close. */
    closesDraft(p) {
        const draft = this.editor.draft;
        if (!draft || draft.kind === 'line' || draft.points.length < MIN_POINTS[draft.kind]) {
            return false;
        }
        const a = this.toCss(draft.points[0]);
        const b = this.toCss(p);
        return Math.hypot(a[0] - b[0], a[1] - b[1]) <= HIT_RADIUS;
    }

    updateCursor(p) {
        let cursor = 'crosshair';
        if (this.editor.tool === 'select') {
            cursor = this.hitPoint(p) ? 'move' : (this.hitZone(p) >= 0 ? 'pointer' : 'default');
        }
        this.canvas.style.cursor = cursor;
    }

    bindKeys() {
        const editor = this.editor;
        this.canvas.addEventListener('keydown', function (e) {
            const step = e.shiftKey ? KEY_STEP * 4 : KEY_STEP;
            const moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
            let handled = true;
            if (e.key === 'Enter') {
                editor.finishDraft();
            } else if (e.key === 'Escape') {
                if (editor.draft) {
                    editor.cancelDraft();
                } else {
                    editor.select(-1, -1);
                }
            } else if (e.key === 'Delete' || e.key === 'Backspace') {
                editor.deleteSelection();
            } else if (moves[e.key] && editor.selectedPoint >= 0) {
                editor.nudgeSelectedPoint(moves[e.key][0], moves[e.key][1]);
            } else if (e.key === ',' || e.key === '.') {
                editor.cyclePoint(e.key === '.' ? 1 : -1);
            } else if (!e.ctrlKey && !e.metaKey && !e.altKey && { s: 1, p: 1, l: 1, m: 1 }[e.key.toLowerCase()]) {
                const tool = { s: 'select', p: 'polygon', l: 'line', m: 'mask' }[e.key.toLowerCase()];
                // While the saved zones load the page keeps the tool buttons disabled (dashboard.js); their keys wait too.
                if (!editor.toolButtons.some(function (b) { return b.dataset.tool === tool && b.disabled; })) {
                    editor.setTool(tool);
                }
            } else {
                handled = false;
            }
            if (handled) {
                e.preventDefault();
            }
        });
    }

    draw() {
        const ctx = this.ctx;
        ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
        const ratio = this.ratio();
        if (!this.pattern) {
            this.pattern = hatchPattern(ctx, ratio);
        }
        const editor = this.editor;
        editor.zones.forEach(function (zone, index) {
            this.drawZone(zone, index === editor.selectedZone, ratio);
        }, this);
        if (editor.draft) {
            this.drawDraft(editor.draft, ratio);
        }
    }

    /** The fill of a zone: its level's colour during the live view, otherwise its own colour, faintly. */
    fillFor(zone) {
        if (zone.kind === 'mask') {
            return this.pattern;
        }
        const level = this.editor.levels && this.editor.levels[zone.zoneId];
        if (level) {
            return levelInfo(level).fill;
        }
        return zone.colour + '33';
    }

    drawZone(zone, selected, ratio) {
        const ctx = this.ctx;
        const pts = zone.points.map(this.toPixels, this);
        if (pts.length === 0) {
            return;
        }
        const level = this.editor.levels && this.editor.levels[zone.zoneId];
        const stroke = zone.kind === 'mask' ? '#495057' : (level ? levelInfo(level).stroke : zone.colour);
        ctx.save();
        ctx.beginPath();
        ctx.moveTo(pts[0][0], pts[0][1]);
        pts.slice(1).forEach(function (p) { ctx.lineTo(p[0], p[1]); });
        if (zone.kind !== 'line') {
            ctx.closePath();
            if (!this.editor.outlineOnly) {
                ctx.fillStyle = this.fillFor(zone);
                ctx.fill();
            }
        }
        ctx.lineWidth = (selected ? 3.5 : 2) * ratio * (zone.kind === 'line' ? 1.4 : 1);
        ctx.strokeStyle = stroke;
        if (zone.kind === 'mask') {
            ctx.setLineDash([6 * ratio, 4 * ratio]);
        }
        ctx.stroke();
        ctx.restore();
        if (zone.kind === 'line') {
            this.drawLineDirection(pts, stroke, ratio);
        }
        this.drawLabel(zone, level, ratio);
        if (selected || zone.kind === 'line') {
            pts.forEach(function (p, i) {
                this.drawHandle(p, stroke, ratio, selected && i === this.editor.selectedPoint);
            }, this);
        }
    }

    /** A small arrow at the middle of a line shows which side counts as "in" (left of a→b, as the server does). */
    drawLineDirection(pts, colour, ratio) {
        const ctx = this.ctx;
        const mx = (pts[0][0] + pts[1][0]) / 2;
        const my = (pts[0][1] + pts[1][1]) / 2;
        const dx = pts[1][0] - pts[0][0];
        const dy = pts[1][1] - pts[0][1];
        const length = Math.hypot(dx, dy) || 1;
        const nx = dy / length;
        const ny = -dx / length;
        const size = 12 * ratio;
        ctx.save();
        ctx.strokeStyle = colour;
        ctx.lineWidth = 2 * ratio;
        ctx.beginPath();
        ctx.moveTo(mx, my);
        ctx.lineTo(mx + nx * size, my + ny * size);
        ctx.stroke();
        ctx.restore();
    }

    drawLabel(zone, level, ratio) {
        const ctx = this.ctx;
        const anchor = this.toPixels(ZoneGeometry.labelAnchor(zone.points));
        const text = zone.label + (level ? ' · ' + levelInfo(level).text : '');
        ctx.save();
        ctx.font = '600 ' + Math.round(12 * ratio) + 'px system-ui, sans-serif';
        const width = ctx.measureText(text).width + 8 * ratio;
        const height = 18 * ratio;
        const x = Math.min(Math.max(0, anchor[0] - width / 2), this.canvas.width - width);
        const y = Math.max(0, anchor[1] - height - 4 * ratio);
        ctx.fillStyle = 'rgba(20, 24, 30, 0.75)';
        ctx.fillRect(x, y, width, height);
        ctx.fillStyle = '#fff';
        ctx.textBaseline = 'middle';
        ctx.fillText(text, x + 4 * ratio, y + height / 2);
        ctx.restore();
    }

    drawHandle(p, colour, ratio, active) {
        const ctx = this.ctx;
        ctx.beginPath();
        ctx.arc(p[0], p[1], (active ? HANDLE_RADIUS + 2 : HANDLE_RADIUS) * ratio * 0.8, 0, Math.PI * 2);
        ctx.fillStyle = active ? colour : '#fff';
        ctx.fill();
        ctx.lineWidth = 2 * ratio;
        ctx.strokeStyle = active ? '#fff' : colour;
        ctx.stroke();
    }

    drawDraft(draft, ratio) {
        const ctx = this.ctx;
        const pts = draft.points.map(this.toPixels, this);
        const colour = draft.kind === 'mask' ? '#495057' : '#0d6efd';
        ctx.save();
        ctx.strokeStyle = colour;
        ctx.lineWidth = 2 * ratio;
        if (pts.length > 0) {
            ctx.beginPath();
            ctx.moveTo(pts[0][0], pts[0][1]);
            pts.slice(1).forEach(function (p) { ctx.lineTo(p[0], p[1]); });
            if (this.hover) {
                const h = this.toPixels(this.hover);
                ctx.lineTo(h[0], h[1]);
            }
            ctx.setLineDash([5 * ratio, 4 * ratio]);
            ctx.stroke();
        }
        ctx.restore();
        const closable = draft.kind !== 'line' && draft.points.length >= MIN_POINTS[draft.kind];
        pts.forEach(function (p, i) {
            this.drawHandle(p, colour, ratio, i === 0 && closable);
        }, this);
    }
}

// ---- ZonePanel: one small form per zone ----------------------------------------------------------------------

class ZonePanel {
    constructor(list, emptyState, editor) {
        this.list = list;
        this.emptyState = emptyState;
        this.editor = editor;
    }

    /** Rebuilds the list; called on structural changes only, so typing in a field keeps its focus. */
    render() {
        const editor = this.editor;
        this.list.replaceChildren();
        this.emptyState.classList.toggle('d-none', editor.zones.length > 0);
        editor.zones.forEach(function (zone, index) {
            this.list.appendChild(this.renderZone(zone, index, index === editor.selectedZone));
        }, this);
    }

    renderZone(zone, index, selected) {
        const editor = this.editor;
        const prefix = 'zone-' + index + '-';
        const item = document.createElement('fieldset');
        item.className = 'zone-item' + (selected ? ' selected' : '');
        item.dataset.zoneId = zone.zoneId;
        item.dataset.testid = 'zone-item';

        const legend = document.createElement('legend');
        legend.className = 'zone-item-head';
        const swatch = document.createElement('span');
        swatch.className = 'zone-swatch' + (zone.kind === 'mask' ? ' zone-swatch-mask' : '');
        swatch.style.backgroundColor = zone.kind === 'mask' ? '' : zone.colour;
        swatch.setAttribute('aria-hidden', 'true');
        const selectButton = document.createElement('button');
        selectButton.type = 'button';
        selectButton.className = 'btn btn-link btn-sm p-0 text-start text-break zone-item-title';
        selectButton.textContent = zone.label;
        selectButton.setAttribute('aria-pressed', String(selected));
        selectButton.title = 'Select this zone on the picture';
        selectButton.addEventListener('click', function () { editor.select(index, -1); });
        const kind = document.createElement('span');
        kind.className = 'badge text-bg-light border ms-auto';
        kind.textContent = { polygon: 'Zone', line: 'Line', mask: 'Mask' }[zone.kind];
        legend.append(swatch, selectButton, kind);
        item.appendChild(legend);

        const idText = document.createElement('div');
        idText.className = 'small text-muted mb-2';
        idText.append('Id ');
        const code = document.createElement('code');
        code.textContent = zone.zoneId;
        code.dataset.role = 'zone-id';
        idText.append(code, ' · ' + zone.points.length + ' points');
        item.appendChild(idText);

        const row = document.createElement('div');
        row.className = 'row g-2';
        row.appendChild(this.field(prefix + 'label', 'Label', 'col-8', this.textInput(zone.label, 64, function (value) {
            editor.updateZone(index, { label: value });
            code.textContent = editor.zones[index].zoneId;
            selectButton.textContent = value;
        })));
        if (zone.kind !== 'mask') {
            row.appendChild(this.field(prefix + 'colour', 'Colour', 'col-4', this.colourInput(zone.colour, function (value) {
                editor.updateZone(index, { colour: value });
                swatch.style.backgroundColor = value;
            })));
        }
        if (zone.kind !== 'line') {
            row.appendChild(this.field(prefix + 'kind', 'Kind', 'col-12', this.kindSelect(zone.kind, function (value) {
                editor.updateZone(index, { kind: value }, true);
            })));
        }
        if (zone.kind !== 'mask') {
            const unit = zone.areaM2 ? 'people/m²' : 'people';
            row.appendChild(this.field(prefix + 'warning', 'Warning at (' + unit + ')', 'col-6',
                this.numberInput(zone.warning, '0.1', function (value) { editor.updateZone(index, { warning: value }); })));
            row.appendChild(this.field(prefix + 'critical', 'Critical at (' + unit + ')', 'col-6',
                this.numberInput(zone.critical, '0.1', function (value) { editor.updateZone(index, { critical: value }); })));
            row.appendChild(this.field(prefix + 'area', 'Area (m², optional: thresholds become density)', 'col-12',
                this.numberInput(zone.areaM2, '0.1', function (value) { editor.updateZone(index, { areaM2: value }, true); })));
        }
        item.appendChild(row);

        const remove = document.createElement('button');
        remove.type = 'button';
        remove.className = 'btn btn-outline-danger btn-sm mt-2';
        remove.textContent = 'Delete ' + zone.label;
        remove.addEventListener('click', function () { editor.deleteZone(index); });
        item.appendChild(remove);
        return item;
    }

    field(id, labelText, columnClass, input) {
        const column = document.createElement('div');
        column.className = columnClass;
        const label = document.createElement('label');
        label.className = 'form-label small mb-0';
        label.htmlFor = id;
        label.textContent = labelText;
        input.id = id;
        column.append(label, input);
        return column;
    }

    textInput(value, maxLength, onChange) {
        const input = document.createElement('input');
        input.type = 'text';
        input.className = 'form-control form-control-sm';
        input.maxLength = maxLength;
        input.required = true;
        input.value = value;
        input.addEventListener('input', function () { onChange(input.value); });
        return input;
    }

    colourInput(value, onChange) {
        const input = document.createElement('input');
        input.type = 'color';
        input.className = 'form-control form-control-sm form-control-color w-100';
        input.value = value;
        input.addEventListener('input', function () { onChange(input.value); });
        return input;
    }

    numberInput(value, step, onChange) {
        const input = document.createElement('input');
        input.type = 'number';
        input.className = 'form-control form-control-sm';
        input.min = '0';
        input.step = step;
        input.inputMode = 'decimal';
        input.value = value === null || value === undefined ? '' : String(value);
        // The server validates; an empty box means "no threshold".
        input.addEventListener('change', function () { onChange(input.value === '' ? null : Number(input.value)); });
        return input;
    }

    kindSelect(value, onChange) {
        const select = document.createElement('select');
        select.className = 'form-select form-select-sm';
        [['polygon', 'Counting zone'], ['mask', 'Mask (ignore people here)']].forEach(function (option) {
            const o = document.createElement('option');
            o.value = option[0];
            o.textContent = option[1];
            o.selected = option[0] === value;
            select.appendChild(o);
        });
        select.addEventListener('change', function () { onChange(select.value); });
        return select;
    }
}

// ---- ZoneEditor: the state, and the commands the canvas, panel and toolbar call --------------------------------

export class ZoneEditor extends EventTarget {
    /**
     * options: { canvas, image, list, emptyState, hint, toolButtons (NodeList with data-tool), deletePointButton,
     *            deleteZoneButton }
     */
    constructor(options) {
        super();
        this.zones = [];
        this.selectedZone = -1;
        this.selectedPoint = -1;
        this.tool = 'select';
        this.draft = null;
        this.levels = null;
        this.outlineOnly = false;
        this.hint = options.hint;
        this.defaultHint = options.hint ? options.hint.textContent : '';
        this.toolButtons = Array.from(options.toolButtons);
        this.deletePointButton = options.deletePointButton;
        this.deleteZoneButton = options.deleteZoneButton;
        this.view = new ZoneCanvas(options.canvas, options.image, this);
        this.panel = new ZonePanel(options.list, options.emptyState, this);
        this.bindToolbar();
        this.refresh(true);
    }

    bindToolbar() {
        const self = this;
        this.toolButtons.forEach(function (button) {
            button.addEventListener('click', function () { self.setTool(button.dataset.tool); });
        });
        this.deletePointButton.addEventListener('click', function () { self.deleteSelectedPoint(); });
        this.deleteZoneButton.addEventListener('click', function () {
            if (self.selectedZone >= 0) {
                self.deleteZone(self.selectedZone);
            }
        });
    }

    /** Replaces every zone (after loading or saving); not a user change, so the page stays "saved". */
    load(zones) {
        const self = this;
        this.zones = [];
        (zones || []).forEach(function (z, i) {
            self.zones.push({
                zoneId: String(z.zoneId),
                label: z.label || String(z.zoneId),
                kind: z.kind || 'polygon',
                points: (z.points || []).map(function (p) { return [Number(p[0]), Number(p[1])]; }),
                warning: z.warning ?? null,
                critical: z.critical ?? null,
                areaM2: z.areaM2 ?? null,
                colour: /^#[0-9a-f]{6}$/i.test(z.colour || '') ? z.colour : PALETTE[i % PALETTE.length],
                anchor: z.anchor || null,
                inertia: z.inertia ?? null,
            });
        });
        this.selectedZone = -1;
        this.selectedPoint = -1;
        this.draft = null;
        this.refresh(true);
        this.say(this.defaultHint);
    }

    /** The zones as the API takes them (normalised points rounded to 4 decimals). */
    toJson() {
        return this.zones.map(function (z) {
            const zone = {
                zoneId: z.zoneId,
                label: z.label,
                kind: z.kind,
                points: z.points.map(function (p) { return [ZoneGeometry.round(p[0]), ZoneGeometry.round(p[1])]; }),
                warning: z.warning,
                critical: z.critical,
                areaM2: z.areaM2,
                colour: z.colour,
            };
            if (z.anchor) {
                zone.anchor = z.anchor;
            }
            if (z.inertia !== null && z.inertia !== undefined) {
                zone.inertia = z.inertia;
            }
            return zone;
        });
    }

    setTool(tool) {
        if (this.draft && tool !== this.draft.kind) {
            this.cancelDraft();
        }
        this.tool = tool;
        this.toolButtons.forEach(function (b) {
            const active = b.dataset.tool === tool;
            b.classList.toggle('active', active);
            b.setAttribute('aria-pressed', String(active));
        });
        this.refresh(false);
        if (tool !== 'select' && !this.draft) {
            this.say(tool === 'line'
                ? 'Click the two ends of the counting line on the picture.'
                : 'Click on the picture to add the ' + tool + '\'s points; click the first point, double-click or press Enter to close.');
        }
    }

    /** Adds a point to the shape being drawn (starting one if needed); closes it when asked or when a line is done. */
    addDraftPoint(p, closes) {
        if (closes) {
            this.finishDraft();
            return;
        }
        if (!this.draft) {
            this.draft = { kind: this.tool, points: [] };
            this.select(-1, -1);
        }
        if (this.draft.points.length >= MAX_POINTS) {
            this.say('A zone can have at most ' + MAX_POINTS + ' points. Press Enter to close it.');
            return;
        }
        this.draft.points.push(p);
        if (this.draft.kind === 'line' && this.draft.points.length === 2) {
            this.finishDraft();
            return;
        }
        this.refresh(false);
    }

    /** Turns the draft into a zone when it has enough distinct points; otherwise says what is missing. */
    finishDraft() {
        const draft = this.draft;
        if (!draft) {
            return;
        }
        const view = this.view;
        // A double-click adds the same point twice before it closes the shape: keep only points a few pixels apart.
        const points = draft.points.filter(function (p, i, all) {
            if (i === 0) {
                return true;
            }
            const a = view.toCss(all[i - 1]);
            const b = view.toCss(p);
            return Math.hypot(a[0] - b[0], a[1] - b[1]) > 3;
        });
        const needed = MIN_POINTS[draft.kind];
        if (points.length < needed) {
            draft.points = points;
            this.say('A ' + draft.kind + ' needs at least ' + needed + ' points; add ' + (needed - points.length) + ' more.');
            this.refresh(false);
            return;
        }
        const count = this.zones.filter(function (z) { return z.kind === draft.kind; }).length + 1;
        const label = { polygon: 'Zone ', line: 'Line ', mask: 'Mask ' }[draft.kind] + count;
        const zone = {
            zoneId: '',
            label: label,
            kind: draft.kind,
            points: points,
            warning: null,
            critical: null,
            areaM2: null,
            colour: PALETTE[this.zones.length % PALETTE.length],
            anchor: null,
            inertia: null,
        };
        zone.zoneId = ZoneGeometry.uniqueId(label, this.zones, zone);
        this.zones.push(zone);
        this.draft = null;
        this.selectedZone = this.zones.length - 1;
        this.selectedPoint = -1;
        this.setTool('select');
        this.changed(true);
        this.say(label + ' added. Name it and set its thresholds on the right, then save.');
    }

    cancelDraft() {
        this.draft = null;
        this.refresh(false);
    }

    select(zoneIndex, pointIndex) {
        const structural = zoneIndex !== this.selectedZone;
        this.selectedZone = zoneIndex;
        this.selectedPoint = zoneIndex >= 0 ? pointIndex : -1;
        this.refresh(structural);
    }

    movePoint(zoneIndex, pointIndex, p, finished) {
        this.zones[zoneIndex].points[pointIndex] = [ZoneGeometry.clamp01(p[0]), ZoneGeometry.clamp01(p[1])];
        if (finished) {
            this.changed(false);
        } else {
            this.view.draw();
        }
    }

    nudgeSelectedPoint(dx, dy) {
        const point = this.zones[this.selectedZone].points[this.selectedPoint];
        this.movePoint(this.selectedZone, this.selectedPoint, [point[0] + dx, point[1] + dy], true);
    }

    /** Moves the selection to the next/previous point of the selected zone (keyboard access to points). */
    cyclePoint(direction) {
        if (this.selectedZone < 0) {
            return;
        }
        const n = this.zones[this.selectedZone].points.length;
        this.selectedPoint = this.selectedPoint < 0 ? 0 : (this.selectedPoint + direction + n) % n;
        this.refresh(false);
    }

    deleteSelection() {
        if (this.draft) {
            this.draft.points.pop();
            if (this.draft.points.length === 0) {
                this.draft = null;
            }
            this.refresh(false);
        } else if (this.selectedPoint >= 0) {
            this.deleteSelectedPoint();
        } else if (this.selectedZone >= 0) {
            this.deleteZone(this.selectedZone);
        }
    }

    deleteSelectedPoint() {
        if (this.selectedZone < 0 || this.selectedPoint < 0) {
            return;
        }
        const zone = this.zones[this.selectedZone];
        if (zone.points.length <= MIN_POINTS[zone.kind]) {
            this.say('A ' + zone.kind + ' needs at least ' + MIN_POINTS[zone.kind] + ' points. Delete the zone instead.');
            return;
        }
        zone.points.splice(this.selectedPoint, 1);
        this.selectedPoint = -1;
        this.changed(true);
    }

    deleteZone(index) {
        const label = this.zones[index].label;
        this.zones.splice(index, 1);
        this.selectedZone = -1;
        this.selectedPoint = -1;
        this.changed(true);
        this.say(label + ' deleted. Save to keep the change.');
    }

    /** Applies edits from the panel; a new label also gives the zone a new id derived from it. */
    updateZone(index, changes, structural) {
        const zone = this.zones[index];
        Object.assign(zone, changes);
        if (changes.label !== undefined) {
            zone.zoneId = ZoneGeometry.uniqueId(changes.label, this.zones, zone);
        }
        this.changed(!!structural);
    }

    /** Zone id → level ("normal" | "warning" | "critical") for the live view; null returns to the zones' colours. */
    setLevels(levels) {
        this.levels = levels;
        this.view.draw();
    }

    /** Draws zones as outlines only (e.g. over the heatmap, which their fill would hide). */
    setOutlineOnly(on) {
        this.outlineOnly = on;
        this.view.draw();
    }

    /** Marks a user change: redraws, and tells the page (which shows "Unsaved changes"). */
    changed(structural) {
        this.refresh(structural);
        this.dispatchEvent(new CustomEvent('change'));
    }

    refresh(structural) {
        if (structural) {
            this.panel.render();
        }
        this.view.draw();
        const hasZone = this.selectedZone >= 0;
        this.deleteZoneButton.disabled = !hasZone;
        this.deletePointButton.disabled = !(hasZone && this.selectedPoint >= 0);
        if (this.draft) {
            const closeHint = this.draft.kind === 'line' ? 'Click the other end of the line.'
                : 'Click to add points; click the first point, double-click or press Enter to close. Escape cancels.';
            this.say(closeHint);
        } else if (structural && this.tool !== 'select') {
            this.say('Click on the picture to start the ' + this.tool + '.');
        }
    }

    say(message) {
        if (this.hint) {
            this.hint.textContent = message;
        }
    }
}
