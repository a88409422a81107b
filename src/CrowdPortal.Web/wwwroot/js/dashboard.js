// One video's dashboard: loads and saves the zones drawn in the zone editor, starts and cancels the analysis, follows
// it live (latest frame, person boxes, zones tinted by level, per-zone cards, alert toasts) and, once it is done,
// replays any moment with the slider. Each part is a small class; the wiring at the bottom connects them.
import * as portal from './portal.js';
import { LiveClient } from './live-client.js';
import { ZoneEditor } from './zone-editor.js';
import { FarAreaEditor } from './far-area.js';

(function () {
    'use strict';
    const header = document.getElementById('video-header');
    const root = document.getElementById('dashboard');
    if (!header || !root) {
        return;
    }

    const video = {
        id: Number(header.dataset.videoId),
        status: header.dataset.status,
        progress: Number(header.dataset.progress),
        duration: Number(header.dataset.duration),
    };
    const apiBase = '/api/v1/videos/' + video.id;
    const FRAME_REFRESH_MS = 500; // the live picture follows the analysis at most twice a second
    const isActive = portal.isActiveStatus;

    function byId(id) {
        return document.getElementById(id);
    }

    /**
     * The server's validation errors as a list of sentences ("Zone 'x', points: ..."), else its one message. The
     * errors of a ValidationProblemDetails map a place in the body ("$[0].points") to the sentences about it.
     */
    function problemMessages(error) {
        const problem = error && error.problem;
        const errors = problem && problem.errors && typeof problem.errors === 'object' ? problem.errors : null;
        const sentences = errors ? Object.values(errors).flat().filter(function (m) { return typeof m === 'string'; }) : [];
        if (sentences.length > 0) {
            return sentences;
        }
        return [error && error.message ? error.message : 'Something went wrong.'];
    }

    // ---- Zones: load, save, export, import ------------------------------------------------------------------------

    class ZoneStore {
        constructor(editor) {
            this.editor = editor;
            this.dirty = false;
            this.saved = [];
            this.badge = byId('zones-dirty');
            this.errors = byId('zones-errors');
            this.status = byId('zones-status');
            const self = this;
            editor.addEventListener('change', function () { self.setDirty(true); });
            byId('save-zones').addEventListener('click', function () { self.save(); });
            byId('export-zones').addEventListener('click', function () { self.exportJson(); });
            byId('import-zones').addEventListener('change', function (e) { self.importFile(e.target); });
            // Leaving with unsaved zones loses the drawing: ask first.
            window.addEventListener('beforeunload', function (e) {
                if (self.dirty) {
                    e.preventDefault();
                    e.returnValue = '';
                }
            });
        }

        setDirty(dirty) {
            this.dirty = dirty;
            this.badge.classList.toggle('d-none', !dirty);
            if (dirty) {
                this.status.textContent = '';
            }
        }

        /**
         * Loads the saved zones, then enables the tools, Save, Export and Import (the page ships them disabled): loading
         * replaces the editor's zones, so a drawing begun before would be lost. If loading fails they stay disabled, as
         * saving then would overwrite zones the user has not seen.
         */
        async load() {
            try {
                this.apply(await portal.api.get(apiBase + '/zones'));
            } catch (e) {
                this.showErrors(['The zones could not be loaded: ' + e.message + ' Reload the page to edit them.']);
                return;
            }
            for (const control of document.querySelectorAll('[data-tool], #save-zones, #export-zones, #import-zones')) {
                control.disabled = false;
            }
        }

        apply(zones) {
            this.saved = zones;
            this.editor.load(zones);
            this.setDirty(false);
            this.dispatchSaved();
        }

        dispatchSaved() {
            document.dispatchEvent(new CustomEvent('zones-saved', { detail: this.saved }));
        }

        /** PUTs the editor's zones; shows the server's reasons next to the form when it refuses them. */
        async save() {
            return this.put(this.editor.toJson(), 'Zones saved.');
        }

        async put(zones, successText) {
            this.clearErrors();
            this.status.textContent = 'Saving…';
            try {
                this.apply(await portal.api.put(apiBase + '/zones', zones));
                this.status.textContent = successText;
                return true;
            } catch (e) {
                this.status.textContent = '';
                this.showErrors(problemMessages(e));
                return false;
            }
        }

        exportJson() {
            const blob = new Blob([JSON.stringify(this.editor.toJson(), null, 2)], { type: 'application/json' });
            const link = document.createElement('a');
            link.href = URL.createObjectURL(blob);
            link.download = 'zones-video-' + video.id + '.json';
            document.body.appendChild(link);
            link.click();
            link.remove();
            window.setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
        }

        /** Reads a zones file and lets the server validate it (PUT); the editor shows it only when it is accepted. */
        async importFile(input) {
            const file = input.files && input.files[0];
            input.value = '';
            if (!file) {
                return;
            }
            let zones;
            try {
                zones = JSON.parse(await file.text());
            } catch (e) {
                this.showErrors([file.name + ' is not valid JSON.']);
                return;
            }
            if (!Array.isArray(zones)) {
                this.showErrors([file.name + ' must hold an array of zones, like the file Export JSON writes.']);
                return;
            }
            await this.put(zones, 'Imported ' + zones.length + ' zone' + (zones.length === 1 ? '' : 's') + ' from ' + file.name + '.');
        }

        showErrors(messages) {
            this.errors.replaceChildren();
            const intro = document.createElement('strong');
            intro.textContent = 'The zones were not saved:';
            const list = document.createElement('ul');
            list.className = 'mb-0 ps-3';
            messages.forEach(function (m) {
                const li = document.createElement('li');
                li.textContent = m;
                list.appendChild(li);
            });
            this.errors.append(intro, list);
            this.errors.classList.remove('d-none');
        }

        clearErrors() {
            this.errors.classList.add('d-none');
            this.errors.replaceChildren();
        }
    }

    // ---- Per-zone cards: current, peak, density and level ----------------------------------------------------------

    class ZoneCards {
        constructor(container, emptyState) {
            this.container = container;
            this.emptyState = emptyState;
            this.cards = new Map();
        }

        /** One card per counting zone plus the whole frame; masks count nobody, so they get none. */
        build(zones, hasCounts) {
            this.container.replaceChildren();
            this.cards.clear();
            const counted = zones.filter(function (z) { return z.kind !== 'mask'; });
            counted.forEach(function (z) { this.addCard(z.zoneId, z.label, z.colour, z.areaM2, z.kind); }, this);
            this.addCard('frame', 'Whole frame', '#6c757d', null, 'polygon');
            this.emptyState.classList.toggle('d-none', counted.length > 0 || hasCounts);
        }

        addCard(zoneId, label, colour, areaM2, kind) {
            const column = document.createElement('div');
            column.className = 'col-6 col-md-4 col-xl-3';
            const card = document.createElement('div');
            card.className = 'card zone-card h-100';
            card.dataset.zoneId = zoneId;
            card.dataset.testid = 'zone-card';
            card.style.borderTopColor = colour || '#6c757d';
            const body = document.createElement('div');
            body.className = 'card-body p-2';
            const title = document.createElement('div');
            title.className = 'd-flex align-items-start justify-content-between gap-1';
            const name = document.createElement('h3');
            name.className = 'h6 mb-1 text-break';
            name.textContent = label;
            const badge = portal.levelBadge('normal');
            title.append(name, badge);
            const count = document.createElement('div');
            count.className = 'zone-card-count';
            count.dataset.role = 'current';
            count.textContent = '–';
            const unit = document.createElement('span');
            unit.className = 'small text-muted ms-1';
            unit.textContent = kind === 'line' ? 'crossed' : 'people';
            const detail = document.createElement('div');
            detail.className = 'small text-muted';
            detail.dataset.role = 'detail';
            body.append(title, count, unit, detail);
            card.appendChild(body);
            column.appendChild(card);
            this.container.appendChild(column);
            this.cards.set(zoneId, { card: card, badge: badge, count: count, detail: detail, areaM2: areaM2, kind: kind, peak: 0 });
        }

        /** Shows one zone's numbers; `peak` is the highest seen so far unless given. */
        update(zoneId, values) {
            const c = this.cards.get(zoneId);
            if (!c) {
                return;
            }
            const current = values.current;
            c.peak = values.peak !== undefined ? values.peak : Math.max(c.peak, current || 0);
            c.count.textContent = current === null || current === undefined ? '–' : String(current);
            let text = 'Peak ' + c.peak;
            if (c.areaM2 && values.density !== null && values.density !== undefined) {
                text += ' · ' + portal.formatNumber(values.density, 2) + ' p/m²';
            }
            c.detail.textContent = text;
            const level = values.level || 'normal';
            const replacement = portal.levelBadge(level);
            c.badge.replaceWith(replacement);
            c.badge = replacement;
            c.card.dataset.level = level;
            this.emptyState.classList.add('d-none');
        }

        /** Raises the remembered peak (from the samples events, which carry each interval's peak). */
        raisePeak(zoneId, peak) {
            const c = this.cards.get(zoneId);
            if (c && peak > c.peak) {
                c.peak = peak;
            }
        }

        resetPeaks() {
            this.cards.forEach(function (c) {
                c.peak = 0;
                c.count.textContent = '–';
                c.detail.textContent = '';
            });
        }
    }

    // ---- The picture: frame or heatmap under the zones, and the person boxes -------------------------------------

    class Picture {
        constructor(image, canvas) {
            this.image = image;
            this.canvas = canvas;
            this.ctx = canvas.getContext('2d');
            this.boxes = [];
            this.loading = false;
            this.heatmap = false;
            const self = this;
            portal.onResize(image, function () {
                portal.fitCanvas(canvas, image);
                self.drawBoxes();
            });
        }

        /** Loads an image URL into the picture; resolves once it is shown (or failed), so boxes drawn then match it. */
        load(url) {
            const image = this.image;
            const self = this;
            // Setting the same address again fires no load event; the picture is already what was asked for.
            if (image.complete && image.src === new URL(url, window.location.href).href) {
                return Promise.resolve(true);
            }
            this.loading = true;
            return new Promise(function (resolve) {
                const done = function (ok) {
                    image.removeEventListener('load', onLoad);
                    image.removeEventListener('error', onError);
                    self.loading = false;
                    resolve(ok);
                };
                const onLoad = function () { done(true); };
                const onError = function () { done(false); };
                image.addEventListener('load', onLoad);
                image.addEventListener('error', onError);
                image.src = url;
            });
        }

        frameUrl(t) {
            return apiBase + '/frame.jpg?t=' + Math.max(0, t).toFixed(2);
        }

        showFrame(t, boxes) {
            const self = this;
            return this.load(this.frameUrl(t)).then(function () { self.setBoxes(boxes || []); });
        }

        showHeatmap() {
            this.setBoxes([]);
            return this.load(apiBase + '/heatmap.png');
        }

        setBoxes(boxes) {
            this.boxes = boxes;
            // How many people are drawn, for tests and for anyone inspecting the page.
            this.canvas.dataset.boxes = String(boxes.length);
            this.drawBoxes();
        }

        /** Person boxes (normalised x1..y2) with their track id, in a colour that stands out from the zone fills. */
        drawBoxes() {
            const ctx = this.ctx;
            const w = this.canvas.width;
            const h = this.canvas.height;
            const ratio = w / Math.max(1, this.image.clientWidth);
            ctx.clearRect(0, 0, w, h);
            ctx.lineWidth = 2 * ratio;
            ctx.font = '600 ' + Math.round(11 * ratio) + 'px system-ui, sans-serif';
            ctx.textBaseline = 'bottom';
            this.boxes.forEach(function (b) {
                const x = b.x1 * w;
                const y = b.y1 * h;
                ctx.strokeStyle = '#00e5ff';
                ctx.strokeRect(x, y, (b.x2 - b.x1) * w, (b.y2 - b.y1) * h);
                if (b.id !== undefined && b.id !== null) {
                    const label = '#' + b.id;
                    const tw = ctx.measureText(label).width + 6 * ratio;
                    ctx.fillStyle = 'rgba(0, 60, 70, 0.85)';
                    ctx.fillRect(x, y - 14 * ratio, tw, 14 * ratio);
                    ctx.fillStyle = '#fff';
                    ctx.fillText(label, x + 3 * ratio, y);
                }
            });
        }
    }

    // ---- Live view while analysing: throttled frames, boxes, levels and cards --------------------------------------

    class LiveView {
        constructor(picture, editor, cards, timeText) {
            this.picture = picture;
            this.editor = editor;
            this.cards = cards;
            this.timeText = timeText;
            this.pending = null;
            this.lastRefresh = 0;
            this.timer = 0;
        }

        /** A `frame` event: numbers update at once; the picture follows at most every FRAME_REFRESH_MS. */
        onFrame(e) {
            const levels = {};
            (e.zones || []).forEach(function (z) {
                levels[z.zoneId] = z.level;
                this.cards.update(z.zoneId, { current: z.current, density: z.density, level: z.level });
            }, this);
            if (e.people !== undefined && !(e.zones || []).some(function (z) { return z.zoneId === 'frame'; })) {
                this.cards.update('frame', { current: e.people, level: 'normal' });
            }
            this.timeText.textContent = 'Live at ' + portal.formatTime(e.t);
            this.pending = { t: e.t, tracks: e.tracks || [], levels: levels };
            this.schedule();
        }

        schedule() {
            if (this.timer || this.picture.loading || this.picture.heatmap) {
                return;
            }
            const wait = Math.max(0, this.lastRefresh + FRAME_REFRESH_MS - Date.now());
            const self = this;
            this.timer = window.setTimeout(function () {
                self.timer = 0;
                self.refresh();
            }, wait);
        }

        async refresh() {
            const shown = this.pending;
            if (!shown) {
                return;
            }
            this.pending = null;
            this.lastRefresh = Date.now();
            await this.picture.showFrame(shown.t, shown.tracks);
            this.editor.setLevels(shown.levels);
            if (this.pending) {
                this.schedule();
            }
        }

        onSamples(e) {
            (e.samples || []).forEach(function (s) { this.cards.raisePeak(s.zoneId, s.peak); }, this);
        }

        stop() {
            window.clearTimeout(this.timer);
            this.timer = 0;
            this.pending = null;
        }
    }

    // ---- Replay after an analysis: the frame, the tracked people and the counts at the slider's time ---------------

    class Replay {
        constructor(picture, editor, cards, timeText) {
            this.picture = picture;
            this.editor = editor;
            this.cards = cards;
            this.timeText = timeText;
            this.series = [];
            this.request = 0;
        }

        async loadCounts() {
            try {
                const counts = await portal.api.get(apiBase + '/counts?maxPoints=5000');
                this.series = counts.series || [];
            } catch (e) {
                this.series = [];
            }
            return this.series.some(function (s) { return s.samples && s.samples.length > 0; });
        }

        /** The last sample at or before t (samples are in time order). */
        sampleAt(samples, t) {
            let found = null;
            for (const s of samples) {
                if (s.ts > t + 1e-6) {
                    break;
                }
                found = s;
            }
            return found;
        }

        showCounts(t) {
            const levels = {};
            this.series.forEach(function (series) {
                const samples = series.samples || [];
                const sample = this.sampleAt(samples, t);
                const peak = samples.reduce(function (m, s) { return Math.max(m, s.peak); }, 0);
                levels[series.zoneId] = sample ? sample.level : 'normal';
                this.cards.update(series.zoneId, {
                    current: sample ? sample.current : 0,
                    peak: peak,
                    density: sample ? sample.density : null,
                    level: sample ? sample.level : 'normal',
                });
            }, this);
            this.editor.setLevels(levels);
            this.timeText.textContent = 'At ' + portal.formatTime(t) + ' (peak = highest of the whole video)';
        }

        /** Shows the moment t: frame and boxes together (a newer slider move wins over an older one). */
        async show(t) {
            const ticket = ++this.request;
            let people = [];
            try {
                const tracks = await portal.api.get(apiBase + '/tracks?t=' + t.toFixed(2));
                people = tracks.people || [];
            } catch (e) {
                people = []; // No tracks stored for this moment: the frame alone is still worth showing.
            }
            if (ticket !== this.request) {
                return;
            }
            this.showCounts(t);
            if (!this.picture.heatmap) {
                await this.picture.showFrame(t, people);
            }
        }
    }

    // ---- Analysis controls: model choice, Analyse / Re-run / Cancel -----------------------------------------------

    class AnalysisControls {
        constructor(store, onChanged) {
            this.store = store;
            this.onChanged = onChanged;
            this.select = byId('model-select');
            this.analyse = byId('analyse-button');
            this.cancel = byId('cancel-button');
            this.message = byId('analysis-message');
            const self = this;
            this.analyse.addEventListener('click', function () { self.start(); });
            this.cancel.addEventListener('click', function () { self.stop(); });
        }

        async loadModels() {
            let models;
            try {
                models = await portal.api.get('/api/v1/models');
            } catch (e) {
                return; // Without the catalog the server's default model is used.
            }
            this.select.replaceChildren();
            models.forEach(function (m) {
                const option = document.createElement('option');
                option.value = m.name;
                option.textContent = (m.displayName || m.name) + (m.isDefault ? ' (default)' : '');
                option.selected = !!m.isDefault;
                this.select.appendChild(option);
            }, this);
        }

        show(status) {
            const active = isActive(status);
            this.analyse.disabled = active;
            this.analyse.textContent = active ? 'Analysing…' : (status === 'uploaded' ? 'Analyse' : 'Re-run analysis');
            this.cancel.classList.toggle('d-none', !active);
            this.select.disabled = active;
        }

        say(text, isError) {
            this.message.textContent = text;
            this.message.classList.toggle('text-danger', !!isError);
        }

        /** Saves unsaved zones first (an analysis uses the saved ones), then asks the server to start. */
        async start() {
            this.say('');
            if (this.store.dirty && !(await this.store.save())) {
                this.say('Fix the zones first: the analysis uses the saved zones.', true);
                return;
            }
            this.analyse.disabled = true;
            const body = this.select.value ? { model: this.select.value } : {};
            try {
                const started = await portal.api.post(apiBase + '/analysis', body);
                this.say('Analysis started. Counts appear below as frames are analysed.');
                this.onChanged(started);
            } catch (e) {
                this.analyse.disabled = false;
                this.say(e.status === 409 ? 'This video is already being analysed.' : e.message, true);
            }
        }

        async stop() {
            this.cancel.disabled = true;
            try {
                const stopped = await portal.api.del(apiBase + '/analysis');
                this.say('Analysis cancelled. The counts so far are kept until the next run.');
                if (stopped) {
                    this.onChanged(stopped);
                }
            } catch (e) {
                this.say(e.message, true);
            } finally {
                this.cancel.disabled = false;
            }
        }
    }

    // ---- Wiring ---------------------------------------------------------------------------------------------------

    const image = byId('stage-image');
    const editor = new ZoneEditor({
        canvas: byId('zone-canvas'),
        image: image,
        list: byId('zone-list'),
        emptyState: byId('zones-empty'),
        hint: byId('editor-hint'),
        toolButtons: document.querySelectorAll('[data-tool]'),
        deletePointButton: byId('delete-point'),
        deleteZoneButton: byId('delete-zone'),
    });
    const store = new ZoneStore(editor);
    const farCanvas = byId('far-area-canvas');
    const farValues = (farCanvas.dataset.farArea || '').split(',').map(Number);
    new FarAreaEditor({
        canvas: farCanvas,
        image: image,
        drawButton: byId('far-area-draw'),
        clearButton: byId('far-area-clear'),
        status: byId('far-area-status'),
        url: farCanvas.dataset.url,
        area: farValues.length === 4 ? { x: farValues[0], y: farValues[1], width: farValues[2], height: farValues[3] } : null,
        usedFrom: farCanvas.dataset.usedFrom,
        problemMessages: problemMessages,
    });
    const statusView = new portal.StatusView(header);
    const cards = new ZoneCards(byId('zone-cards'), byId('counts-empty'));
    const picture = new Picture(image, byId('people-canvas'));
    const timeText = byId('counts-time');
    const live = new LiveView(picture, editor, cards, timeText);
    const replay = new Replay(picture, editor, cards, timeText);
    const slider = byId('time-slider');
    const sliderOutput = byId('time-output');
    const heatmapToggle = byId('heatmap-toggle');
    const liveState = byId('live-state');
    const client = new LiveClient(video.id);
    let hasCounts = false;

    // Called with the video the server returned for Analyse (queued) or Cancel (cancelled).
    const controls = new AnalysisControls(store, function (v) {
        setStatus(v.status, v.progress, {});
        if (isActive(v.status)) {
            client.expectAnalysis();
            cards.resetPeaks();
        } else {
            live.stop();
            afterRun(false);
        }
    });

    /** Everything that depends on the status: badge and bar, buttons, slider, heatmap switch. */
    function setStatus(status, progress, details) {
        const wasActive = isActive(video.status);
        video.status = status;
        statusView.show(status, progress, details);
        controls.show(status);
        slider.disabled = isActive(status);
        heatmapToggle.disabled = status !== 'completed';
        if (isActive(status) && !wasActive) {
            setHeatmap(false);
        }
    }

    function setHeatmap(on) {
        heatmapToggle.checked = on;
        picture.heatmap = on;
        editor.setOutlineOnly(on); // filled zones would hide the heatmap under them
        if (on) {
            picture.showHeatmap();
        } else {
            showMoment(Number(slider.value));
        }
    }

    /** The slider's moment: the frame to draw on, plus boxes and counts once an analysis is there to replay. */
    function showMoment(t) {
        sliderOutput.textContent = portal.formatTime(t);
        if (hasCounts && !isActive(video.status)) {
            replay.show(t);
        } else if (!isActive(video.status)) {
            picture.showFrame(t, []);
        }
    }

    /** After a run ends (however it ended): fetch what was counted and show the slider's moment from it. */
    async function afterRun(justCompleted) {
        editor.setLevels(null);
        hasCounts = await replay.loadCounts();
        cards.build(store.saved, hasCounts);
        showMoment(Number(slider.value));
        if (justCompleted) {
            statusView.show('completed', 1, { justFinished: true });
        }
    }

    // Moving the slider fetches a frame per stop; waiting for a short pause keeps dragging smooth.
    let sliderTimer = 0;
    slider.addEventListener('input', function () {
        sliderOutput.textContent = portal.formatTime(Number(slider.value));
        window.clearTimeout(sliderTimer);
        sliderTimer = window.setTimeout(function () {
            if (picture.heatmap) {
                setHeatmap(false);
            } else {
                showMoment(Number(slider.value));
            }
        }, 150);
    });
    heatmapToggle.addEventListener('change', function () { setHeatmap(heatmapToggle.checked); });

    document.addEventListener('zones-saved', function (e) {
        cards.build(e.detail, hasCounts);
        if (hasCounts) {
            replay.showCounts(Number(slider.value));
        }
    });

    client.on('state', function (mode) {
        liveState.textContent = {
            live: 'Live updates connected.',
            reconnecting: 'Reconnecting live updates…',
            polling: 'Live updates unavailable: checking progress every 2 s.',
        }[mode] || '';
    });
    client.on('progress', function (e) {
        setStatus(e.status, e.progress, e);
    });
    client.on('frame', function (e) {
        if (isActive(video.status)) {
            live.onFrame(e);
            // The (disabled) slider follows the analysis, so replay starts where the live view ended.
            slider.value = String(e.t);
            sliderOutput.textContent = portal.formatTime(e.t);
        }
    });
    client.on('samples', function (e) { live.onSamples(e); });
    client.on('alert', function (a) {
        const level = portal.levelInfo(a.level).text;
        const what = a.tsEnd === null || a.tsEnd === undefined ? 'since ' + portal.formatTime(a.tsStart) : 'ended at ' + portal.formatTime(a.tsEnd);
        portal.showToast(a.label + ': ' + level,
            level + ' level in ' + a.label + ' ' + what + ', peak ' + portal.formatNumber(a.peakValue, 2) + ' ' + (a.unit || 'people') + '.',
            a.level);
    });
    client.on('completed', function (e) {
        live.stop();
        setStatus(e.status, e.status === 'completed' ? 1 : 0, { justFinished: true });
        if (e.status === 'completed') {
            controls.say('Analysis complete. Move the slider to replay any moment.');
        } else if (e.status === 'failed') {
            controls.say(e.error || 'The analysis failed.', true);
        }
        afterRun(e.status === 'completed');
    });

    async function init() {
        setStatus(video.status, video.progress, {});
        await store.load();
        cards.build(store.saved, false);
        controls.loadModels();
        if (['completed', 'cancelled', 'failed'].includes(video.status)) {
            await afterRun(false);
        }
        client.start(video.status);
    }

    init();
})();
