// The Alerts page: loads the user's alerts for the filters in the address (GET /api/v1/alerts), shows them as a
// table with coloured, worded level badges, and acknowledges one in place (POST …/acknowledge with the antiforgery
// header). Changing a filter submits the GET form, so every filtered view has its own address.
import * as portal from './portal.js';

(function () {
    'use strict';
    const table = document.getElementById('alerts-table');
    if (!table) {
        return;
    }

    const body = table.querySelector('tbody');
    const form = document.getElementById('alerts-filter');
    const zoneSelect = document.getElementById('filter-zone');
    const videoSelect = document.getElementById('filter-video');
    const emptyState = document.getElementById('alerts-empty');
    const tableWrap = document.getElementById('alerts-table-wrap');
    const errorBox = document.getElementById('alerts-error');
    const countText = document.getElementById('alerts-count');
    const filter = table.dataset;

    function alertsUrl() {
        const query = new URLSearchParams();
        if (filter.videoId) {
            query.set('videoId', filter.videoId);
        }
        if (filter.level) {
            query.set('level', filter.level);
        }
        if (filter.zone) {
            query.set('zone', filter.zone);
        }
        if (filter.acknowledged) {
            query.set('acknowledged', filter.acknowledged);
        }
        const text = query.toString();
        return '/api/v1/alerts' + (text ? '?' + text : '');
    }

    // Column names, repeated on each cell so a phone can show the rows as stacked cards (see site.css).
    const columns = Array.from(table.querySelectorAll('thead th')).map(function (th) { return th.textContent.trim(); });

    function cell(content, className) {
        const td = document.createElement('td');
        if (className) {
            td.className = className;
        }
        if (content instanceof Node) {
            td.appendChild(content);
        } else {
            td.textContent = content;
        }
        return td;
    }

    function whenText(a) {
        const end = a.tsEnd === null || a.tsEnd === undefined ? 'ongoing' : portal.formatTime(a.tsEnd);
        return portal.formatTime(a.tsStart) + ' – ' + end;
    }

    function formatDate(iso) {
        const date = new Date(iso);
        return isNaN(date.getTime()) ? iso : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
    }

    /** The last column: who acknowledged it and when, or the button that does it. */
    function acknowledgement(a) {
        const wrap = document.createElement('div');
        if (a.acknowledgedAt) {
            wrap.className = 'small';
            wrap.append('✓ ' + (a.acknowledgedBy || 'someone'));
            const time = document.createElement('time');
            time.dateTime = a.acknowledgedAt;
            time.className = 'd-block text-muted';
            time.textContent = formatDate(a.acknowledgedAt);
            wrap.appendChild(time);
            return wrap;
        }
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'btn btn-outline-primary btn-sm';
        button.textContent = 'Acknowledge';
        button.setAttribute('aria-label', 'Acknowledge the ' + a.level + ' alert in ' + a.label + ' at ' + portal.formatTime(a.tsStart));
        button.addEventListener('click', function () { acknowledge(a, button); });
        wrap.appendChild(button);
        return wrap;
    }

    function row(a) {
        const tr = document.createElement('tr');
        tr.dataset.alertId = a.id;
        tr.dataset.level = a.level;
        tr.classList.toggle('acknowledged', !!a.acknowledgedAt);
        const video = document.createElement('a');
        video.href = '/Dashboard/' + a.videoId;
        video.textContent = a.videoName || ('Video ' + a.videoId);
        const zone = document.createElement('span');
        zone.textContent = a.label;
        if (a.label !== a.zoneId) {
            const id = document.createElement('code');
            id.className = 'd-block small text-muted';
            id.textContent = a.zoneId;
            zone.appendChild(id);
        }
        tr.append(
            cell(video, 'text-break'),
            cell(zone),
            cell(portal.levelBadge(a.level)),
            cell(whenText(a), 'text-nowrap'),
            cell(portal.formatNumber(a.peakValue, 2) + ' ' + (a.unit || 'people'), 'text-nowrap'),
            cell(acknowledgement(a), 'text-nowrap'));
        Array.from(tr.children).forEach(function (td, i) { td.dataset.label = columns[i] || ''; });
        return tr;
    }

    let shown = [];

    function render(alerts) {
        shown = alerts;
        body.replaceChildren();
        alerts.forEach(function (a) { body.appendChild(row(a)); });
        showCount();
        emptyState.classList.toggle('d-none', alerts.length > 0);
        tableWrap.classList.toggle('d-none', alerts.length === 0);
    }

    function showCount() {
        const open = shown.filter(function (a) { return !a.acknowledgedAt; }).length;
        countText.textContent = shown.length + ' alert' + (shown.length === 1 ? '' : 's') + (open ? ', ' + open + ' not acknowledged' : '');
    }

    async function acknowledge(a, button) {
        button.disabled = true;
        errorBox.classList.add('d-none');
        try {
            const updated = await portal.api.post('/api/v1/alerts/' + a.id + '/acknowledge');
            const current = body.querySelector('tr[data-alert-id="' + a.id + '"]');
            if (current) {
                current.replaceWith(row(updated));
            }
            shown = shown.map(function (x) { return x.id === updated.id ? updated : x; });
            showCount();
        } catch (e) {
            button.disabled = false;
            errorBox.textContent = 'The alert could not be acknowledged: ' + e.message;
            errorBox.classList.remove('d-none');
        }
    }

    /** Zone choices: the chosen video's zones, or the zones the loaded alerts mention. */
    async function fillZones(alerts) {
        const choices = new Map();
        if (filter.videoId) {
            try {
                (await portal.api.get('/api/v1/videos/' + filter.videoId + '/zones')).forEach(function (z) {
                    if (z.kind !== 'mask') {
                        choices.set(String(z.zoneId), z.label);
                    }
                });
            } catch (e) {
                // Fall back to the zones named by the alerts.
            }
        }
        alerts.forEach(function (a) { choices.set(a.zoneId, a.label); });
        const selected = zoneSelect.dataset.selected || '';
        zoneSelect.replaceChildren(new Option('All zones', ''));
        choices.forEach(function (label, id) {
            zoneSelect.appendChild(new Option(label === id ? label : label + ' (' + id + ')', id, false, id === selected));
        });
    }

    async function load() {
        try {
            const alerts = await portal.api.get(alertsUrl());
            render(alerts);
            fillZones(alerts);
        } catch (e) {
            body.replaceChildren();
            tableWrap.classList.add('d-none');
            errorBox.textContent = 'The alerts could not be loaded: ' + e.message;
            errorBox.classList.remove('d-none');
        }
    }

    // Filters apply as soon as they change; the button stays for keyboard users and for pages without script.
    form.querySelectorAll('select').forEach(function (select) {
        select.addEventListener('change', function () {
            if (select === videoSelect) {
                zoneSelect.value = ''; // a zone id belongs to one video's zone set
            }
            form.requestSubmit();
        });
    });

    load();
})();
