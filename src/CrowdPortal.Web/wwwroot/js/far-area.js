// The far area of a video or camera on its dashboard: a rectangle the user drags on the picture where people are far
// from the camera and small; the server also detects it enlarged on every frame. Drawn on its own canvas layer under
// the zones; while "Draw far area" is on, that layer takes the pointer (above the zone editor) for one drag, then the
// area is saved through the API at once. Coordinates are fractions of the picture, like zones (zone-geometry.js).
import { api, fitCanvas, onResize } from './portal.js';
import { ZoneGeometry } from './zone-geometry.js';

const COLOUR = '#fd7e14';

/** "x 0–45 %, y 8–33 % of the picture": the area in words, for the status line (and screen readers). */
function describe(area) {
    const percent = function (v) { return Math.round(v * 100); };
    return 'x ' + percent(area.x) + '–' + percent(area.x + area.width) + ' %, y ' + percent(area.y) + '–' + percent(area.y + area.height) + ' % of the picture';
}

export class FarAreaEditor {
    /**
     * options: { canvas, image, drawButton, clearButton, status, url (the API path), area ({x, y, width, height} or
     *            null), usedFrom (words: when a change takes effect), problemMessages (error → sentences) }
     */
    constructor(options) {
        this.canvas = options.canvas;
        this.image = options.image;
        this.drawButton = options.drawButton;
        this.clearButton = options.clearButton;
        this.status = options.status;
        this.url = options.url;
        this.usedFrom = options.usedFrom;
        this.problemMessages = options.problemMessages;
        this.ctx = this.canvas.getContext('2d');
        this.area = options.area;
        this.drawing = false;
        this.start = null;
        this.drag = null;
        this.bind();
        const self = this;
        onResize(this.image, function () {
            if (fitCanvas(self.canvas, self.image)) {
                self.draw();
            }
        });
        this.show();
    }

    bind() {
        const self = this;
        const canvas = this.canvas;
        this.drawButton.addEventListener('click', function () { self.setDrawing(!self.drawing); });
        this.clearButton.addEventListener('click', function () { self.clear(); });
        canvas.addEventListener('pointerdown', function (e) {
            if (!self.drawing || e.button !== 0) {
                return;
            }
            self.start = self.toNormal(e);
            self.drag = ZoneGeometry.rectFromCorners(self.start, self.start);
            canvas.setPointerCapture(e.pointerId);
            e.preventDefault();
        });
        canvas.addEventListener('pointermove', function (e) {
            if (self.start) {
                self.drag = ZoneGeometry.rectFromCorners(self.start, self.toNormal(e));
                self.draw();
            }
        });
        canvas.addEventListener('pointerup', function (e) {
            if (self.start) {
                const area = ZoneGeometry.rectFromCorners(self.start, self.toNormal(e));
                self.start = null;
                self.drag = null;
                self.setDrawing(false);
                self.save(area);
            }
        });
        canvas.addEventListener('pointercancel', function () {
            self.start = null;
            self.drag = null;
            self.draw();
        });
        document.addEventListener('keydown', function (e) {
            if (e.key === 'Escape' && self.drawing) {
                self.start = null;
                self.drag = null;
                self.setDrawing(false);
                self.say('Drawing the far area cancelled.');
            }
        });
    }

    /** Normalised point under a pointer event. */
    toNormal(event) {
        const rect = this.canvas.getBoundingClientRect();
        return [(event.clientX - rect.left) / Math.max(1, rect.width), (event.clientY - rect.top) / Math.max(1, rect.height)];
    }

    /** While on, this layer sits above the zone editor and takes the pointer for one drag. */
    setDrawing(on) {
        this.drawing = on;
        this.canvas.classList.toggle('drawing', on);
        this.drawButton.classList.toggle('active', on);
        this.drawButton.setAttribute('aria-pressed', String(on));
        if (on) {
            this.say('Drag a rectangle over the far part of the picture (Escape cancels).');
        }
        this.draw();
    }

    async save(area) {
        this.say('Saving the far area…');
        try {
            this.area = await api.put(this.url, area);
            this.show('Far area saved (' + describe(this.area) + '); used from ' + this.usedFrom + '.');
        } catch (error) {
            this.draw();
            this.say(this.problemMessages(error).join(' '), true);
        }
    }

    async clear() {
        this.say('Clearing the far area…');
        try {
            await api.del(this.url);
            this.area = null;
            this.show('Far area cleared; used from ' + this.usedFrom + '.');
        } catch (error) {
            this.say(this.problemMessages(error).join(' '), true);
        }
    }

    /** Redraws and states the area now set (or the message given). */
    show(message) {
        const area = this.area;
        this.canvas.dataset.farArea = area ? [area.x, area.y, area.width, area.height].join(',') : '';
        this.clearButton.disabled = !area;
        this.draw();
        this.say(message || (area ? 'Far area: ' + describe(area) + '.' : 'No far area.'));
    }

    say(message, isError) {
        this.status.textContent = message;
        this.status.classList.toggle('text-danger', !!isError);
    }

    draw() {
        const ctx = this.ctx;
        ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
        const ratio = this.canvas.width / Math.max(1, this.image.clientWidth);
        if (this.area) {
            this.drawRect(this.area, ratio, !this.drag);
        }
        if (this.drag) {
            this.drawRect(this.drag, ratio, false);
        }
    }

    drawRect(area, ratio, labelled) {
        const ctx = this.ctx;
        const x = area.x * this.canvas.width;
        const y = area.y * this.canvas.height;
        const w = area.width * this.canvas.width;
        const h = area.height * this.canvas.height;
        ctx.save();
        ctx.fillStyle = COLOUR + '22';
        ctx.fillRect(x, y, w, h);
        ctx.setLineDash([8 * ratio, 5 * ratio]);
        ctx.lineWidth = 2 * ratio;
        ctx.strokeStyle = COLOUR;
        ctx.strokeRect(x, y, w, h);
        if (labelled) {
            ctx.setLineDash([]);
            ctx.font = '600 ' + Math.round(12 * ratio) + 'px system-ui, sans-serif';
            const text = 'Far area';
            const width = ctx.measureText(text).width + 8 * ratio;
            ctx.fillStyle = 'rgba(20, 24, 30, 0.75)';
            ctx.fillRect(x, y, width, 18 * ratio);
            ctx.fillStyle = '#fff';
            ctx.textBaseline = 'middle';
            ctx.fillText(text, x + 4 * ratio, y + 9 * ratio);
        }
        ctx.restore();
    }
}
