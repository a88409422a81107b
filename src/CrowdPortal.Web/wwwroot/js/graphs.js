// One video's graphs: a Chart.js line chart of each zone's count over time (one dataset per zone, in the zone's
// colour) that grows live while the video is analysed, and a bar chart of the current and peak count per zone.
// Zone checkboxes show/hide zones; a time range refetches GET counts?from=&to=&maxPoints= from the server.
import * as portal from './portal.js';
import { LiveClient } from './live-client.js';

(function () {
    'use strict';
    const header = document.getElementById('video-header');
    const root = document.getElementById('graphs');
    if (!header || !root || !window.Chart) {
        return;
    }

    const videoId = Number(header.dataset.videoId);
    const apiBase = '/api/v1/videos/' + videoId;
    const MAX_POINTS = 600;
    const FRAME_COLOUR = '#6c757d';

    function byId(id) {
        return document.getElementById(id);
    }

    function colourOf(series) {
        return series.colour || (series.zoneId === 'frame' ? FRAME_COLOUR : '#0d6efd');
    }

    // ---- State: the series as loaded, plus the zones the user hid --------------------------------------------------

    /** Holds the counts per zone (zoneId → {label, colour, kind, samples}) and which zones are hidden. */
    class CountsState {
        constructor() {
            this.series = new Map();
            this.hidden = new Set();
            this.range = { from: null, to: null };
        }

        replace(seriesList) {
            this.series.clear();
            (seriesList || []).forEach(function (s) {
                this.series.set(s.zoneId, { zoneId: s.zoneId, label: s.label, colour: colourOf(s), kind: s.kind, samples: s.samples || [] });
            }, this);
        }

        /** Appends live samples that fall in the chosen range; returns true when a zone appeared for the first time. */
        append(samples) {
            let added = false;
            (samples || []).forEach(function (s) {
                if ((this.range.from !== null && s.ts < this.range.from) || (this.range.to !== null && s.ts > this.range.to)) {
                    return;
                }
                let series = this.series.get(s.zoneId);
                if (!series) {
                    series = { zoneId: s.zoneId, label: s.label || s.zoneId, colour: colourOf(s), kind: null, samples: [] };
                    this.series.set(s.zoneId, series);
                    added = true;
                }
                const last = series.samples[series.samples.length - 1];
                if (last && last.ts >= s.ts) {
                    return; // already have it (the stream re-sent an interval after a reconnect)
                }
                series.samples.push(s);
            }, this);
            return added;
        }

        visible() {
            return Array.from(this.series.values()).filter(function (s) { return !this.hidden.has(s.zoneId); }, this);
        }

        hasData() {
            return Array.from(this.series.values()).some(function (s) { return s.samples.length > 0; });
        }
    }

    // ---- Charts ----------------------------------------------------------------------------------------------------

    const timeAxis = {
        type: 'linear',
        title: { display: true, text: 'Video time (m:ss)' },
        // Labels on whole seconds only: ticks are written as m:ss, so a 0.5 s step would print the same label twice.
        ticks: {
            callback: function (value) { return Number.isInteger(value) ? portal.formatTime(value) : ''; },
            maxTicksLimit: 10,
        },
    };

    function createLineChart(canvas) {
        return new window.Chart(canvas, {
            type: 'line',
            data: { datasets: [] },
            options: {
                responsive: true,
                maintainAspectRatio: false,
                animation: false, // live appends redraw several times a second
                parsing: false,
                normalized: true,
                interaction: { mode: 'nearest', axis: 'x', intersect: false },
                scales: {
                    x: timeAxis,
                    y: { beginAtZero: true, title: { display: true, text: 'People' }, ticks: { precision: 0 } },
                },
                plugins: {
                    legend: { position: 'bottom' },
                    tooltip: {
                        callbacks: {
                            title: function (items) { return items.length ? 'At ' + portal.formatTime(items[0].parsed.x) : ''; },
                            label: function (item) {
                                const level = item.raw && item.raw.level ? ' (' + portal.levelInfo(item.raw.level).text + ')' : '';
                                return item.dataset.label + ': ' + item.parsed.y + level;
                            },
                        },
                    },
                },
                elements: { point: { radius: 0, hitRadius: 6 }, line: { borderWidth: 2, tension: 0 } },
            },
        });
    }

    function createBarChart(canvas) {
        return new window.Chart(canvas, {
            type: 'bar',
            data: { labels: [], datasets: [] },
            options: {
                responsive: true,
                maintainAspectRatio: false,
                animation: false,
                scales: { y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: 'People' } } },
                plugins: { legend: { position: 'bottom' } },
            },
        });
    }

    /** Draws the visible series: one line per zone, and current (last) and peak (max) bars per zone. */
    function render(state, lineChart, barChart) {
        const visible = state.visible();
        lineChart.data.datasets = visible.map(function (s) {
            return {
                label: s.label,
                zoneId: s.zoneId,
                borderColor: s.colour,
                backgroundColor: s.colour,
                borderDash: s.zoneId === 'frame' ? [6, 4] : [],
                data: s.samples.map(function (p) { return { x: p.ts, y: p.current, level: p.level }; }),
                // Samples at warning or critical get a dot in the level's colour, so crowded stretches stand out.
                pointRadius: function (ctx) { return ctx.raw && ctx.raw.level && ctx.raw.level !== 'normal' ? 3.5 : 0; },
                pointBackgroundColor: function (ctx) { return portal.levelInfo(ctx.raw && ctx.raw.level).stroke; },
                pointBorderColor: function (ctx) { return portal.levelInfo(ctx.raw && ctx.raw.level).stroke; },
            };
        });
        lineChart.update('none');

        barChart.data.labels = visible.map(function (s) { return s.label; });
        barChart.data.datasets = [
            {
                label: 'Current',
                backgroundColor: visible.map(function (s) { return s.colour; }),
                data: visible.map(function (s) { return s.samples.length ? s.samples[s.samples.length - 1].current : 0; }),
            },
            {
                label: 'Peak',
                backgroundColor: 'rgba(253, 126, 20, 0.35)',
                borderColor: '#fd7e14',
                borderWidth: 2,
                data: visible.map(function (s) {
                    return s.samples.reduce(function (m, p) { return Math.max(m, p.peak); }, 0);
                }),
            },
        ];
        barChart.update('none');
    }

    // ---- Filters: zone checkboxes and the time range ---------------------------------------------------------------

    function renderZoneFilters(container, state, onToggle) {
        container.replaceChildren();
        if (state.series.size === 0) {
            const none = document.createElement('span');
            none.className = 'small text-muted';
            none.textContent = 'No zones counted yet.';
            container.appendChild(none);
            return;
        }
        state.series.forEach(function (s) {
            const wrap = document.createElement('div');
            wrap.className = 'form-check form-check-inline me-0';
            const input = document.createElement('input');
            input.type = 'checkbox';
            input.className = 'form-check-input';
            input.id = 'zone-filter-' + s.zoneId;
            input.checked = !state.hidden.has(s.zoneId);
            input.addEventListener('change', function () { onToggle(s.zoneId, input.checked); });
            const label = document.createElement('label');
            label.className = 'form-check-label';
            label.htmlFor = input.id;
            const swatch = document.createElement('span');
            swatch.className = 'zone-swatch me-1 align-middle';
            swatch.style.backgroundColor = s.colour;
            label.append(swatch, s.label);
            wrap.append(input, label);
            container.appendChild(wrap);
        });
    }

    /** Reads the from/to boxes; returns null with a message shown when they do not make a range. */
    function readRange(fromInput, toInput, errorBox) {
        const from = fromInput.value === '' ? null : Number(fromInput.value);
        const to = toInput.value === '' ? null : Number(toInput.value);
        errorBox.textContent = '';
        if ((from !== null && (!isFinite(from) || from < 0)) || (to !== null && (!isFinite(to) || to < 0))) {
            errorBox.textContent = 'Times are seconds from the start of the video, 0 or more.';
            return null;
        }
        if (from !== null && to !== null && from >= to) {
            errorBox.textContent = '“From” must be before “To”.';
            return null;
        }
        return { from: from, to: to };
    }

    function countsUrl(range) {
        const query = new URLSearchParams({ maxPoints: String(MAX_POINTS) });
        if (range.from !== null) {
            query.set('from', String(range.from));
        }
        if (range.to !== null) {
            query.set('to', String(range.to));
        }
        return apiBase + '/counts?' + query.toString();
    }

    // ---- Wiring ----------------------------------------------------------------------------------------------------

    const state = new CountsState();
    const lineChart = createLineChart(byId('line-chart'));
    const barChart = createBarChart(byId('bar-chart'));
    const emptyState = byId('graphs-empty');
    const content = byId('graphs-content');
    const filters = byId('graphs-filters');
    const zoneFilters = byId('zone-filters');
    const note = byId('line-note');
    const fromInput = byId('range-from');
    const toInput = byId('range-to');
    const rangeError = byId('range-error');
    const statusView = new portal.StatusView(header);

    function onToggle(zoneId, shown) {
        if (shown) {
            state.hidden.delete(zoneId);
        } else {
            state.hidden.add(zoneId);
        }
        render(state, lineChart, barChart);
    }

    function showAll() {
        const hasData = state.hasData();
        emptyState.classList.toggle('d-none', hasData);
        content.classList.toggle('d-none', !hasData);
        // Filters over nothing only distract; a chosen range stays visible so it can be reset.
        const ranged = state.range.from !== null || state.range.to !== null;
        filters.classList.toggle('d-none', !hasData && !ranged);
        byId('graphs-empty-range').classList.toggle('d-none', !ranged);
        byId('graphs-empty-text').classList.toggle('d-none', ranged);
        renderZoneFilters(zoneFilters, state, onToggle);
        render(state, lineChart, barChart);
    }

    async function load() {
        try {
            const counts = await portal.api.get(countsUrl(state.range));
            state.replace(counts.series);
            note.textContent = counts.bucketSeconds && counts.bucketSeconds > counts.intervalSeconds
                ? 'One point per ' + portal.formatNumber(counts.bucketSeconds, 1) + ' s'
                : '';
        } catch (e) {
            state.replace([]);
            rangeError.textContent = e.status === 404 ? '' : 'The counts could not be loaded: ' + e.message;
        }
        showAll();
    }

    byId('range-form').addEventListener('submit', function (e) {
        e.preventDefault();
        const range = readRange(fromInput, toInput, rangeError);
        if (range) {
            state.range = range;
            load();
        }
    });
    byId('range-reset').addEventListener('click', function () {
        fromInput.value = '';
        toInput.value = '';
        rangeError.textContent = '';
        state.range = { from: null, to: null };
        load();
    });

    const client = new LiveClient(videoId);
    client.on('progress', function (e) { statusView.show(e.status, e.progress, e); });
    client.on('samples', function (e) {
        const added = state.append(e.samples);
        if (added || content.classList.contains('d-none')) {
            showAll();
        } else {
            render(state, lineChart, barChart);
        }
    });
    // The final numbers (and a downsampling that fits the whole video) come from the server once it is done.
    client.on('completed', function (e) {
        statusView.show(e.status, e.status === 'completed' ? 1 : 0, { justFinished: true });
        load();
    });

    statusView.show(header.dataset.status, Number(header.dataset.progress), {});
    load().then(function () { client.start(header.dataset.status); });
})();
