// The one module every page's script imports: JSON calls to the REST API (with the antiforgery header the login cookie
// needs), the live-update hub connection, time and number formatting, the level and camera-state colours (stated once
// here: badges, zone fills and strokes), toasts, canvas helpers and a video's status header.

const tokenMeta = document.querySelector('meta[name="request-verification-token"]');
/** The page's antiforgery token: state changes made with the login cookie send it in the RequestVerificationToken header. */
export const antiforgeryToken = tokenMeta ? tokenMeta.content : '';

/** An HTTP error that carries the server's ProblemDetails, so pages can show its sentence and field errors. */
export class ApiError extends Error {
    constructor(status, problem) {
        super((problem && (problem.detail || problem.title)) || ('The request failed (HTTP ' + status + ').'));
        this.status = status;
        this.problem = problem || null;
    }
}

async function readProblem(response) {
    try {
        return await response.json();
    } catch (e) {
        return null; // Not JSON (e.g. a proxy error page): the generic message is used.
    }
}

/** Sends a request and returns the parsed JSON body (null for 204); throws ApiError for a non-2xx answer. */
async function request(method, url, body) {
    const headers = { Accept: 'application/json' };
    if (method !== 'GET') {
        headers.RequestVerificationToken = antiforgeryToken;
    }
    const init = { method: method, headers: headers, credentials: 'same-origin' };
    if (body !== undefined) {
        headers['Content-Type'] = 'application/json';
        init.body = typeof body === 'string' ? body : JSON.stringify(body);
    }
    const response = await fetch(url, init);
    if (!response.ok) {
        throw new ApiError(response.status, await readProblem(response));
    }
    return response.status === 204 ? null : response.json();
}

/** Seconds of video time as m:ss (h:mm:ss past an hour), like the server's TimeText. */
export function formatTime(seconds) {
    const total = Math.max(0, Math.floor(Number(seconds) || 0));
    const h = Math.floor(total / 3600);
    const m = Math.floor((total % 3600) / 60);
    const s = String(total % 60).padStart(2, '0');
    return h > 0 ? h + ':' + String(m).padStart(2, '0') + ':' + s : m + ':' + s;
}

// Levels always travel with words as well as colours so they read without colour vision.
export const levels = {
    normal: { text: 'Normal', badge: 'text-bg-success', fill: 'rgba(25, 135, 84, 0.28)', stroke: '#198754' },
    warning: { text: 'Warning', badge: 'text-bg-warning', fill: 'rgba(255, 193, 7, 0.38)', stroke: '#e0a800' },
    critical: { text: 'Critical', badge: 'text-bg-danger', fill: 'rgba(220, 53, 69, 0.42)', stroke: '#dc3545' },
};

export function levelInfo(level) {
    return levels[level] || levels.normal;
}

/** A coloured badge element with the level's name in it. */
export function levelBadge(level) {
    const info = levelInfo(level);
    const span = document.createElement('span');
    span.className = 'badge level-badge ' + info.badge;
    span.dataset.level = level || 'normal';
    span.textContent = info.text;
    return span;
}

/** Shows a Bootstrap toast in the layout's container; the body is text, never HTML. */
export function showToast(title, message, level) {
    const container = document.getElementById('toast-container');
    if (!container || !window.bootstrap) {
        return;
    }
    const toast = document.createElement('div');
    toast.className = 'toast toast-level-' + (level || 'normal');
    toast.setAttribute('role', level === 'critical' ? 'alert' : 'status');
    toast.setAttribute('aria-live', level === 'critical' ? 'assertive' : 'polite');
    toast.setAttribute('aria-atomic', 'true');
    toast.dataset.testid = 'alert-toast';

    const header = document.createElement('div');
    header.className = 'toast-header';
    header.appendChild(levelBadge(level));
    const strong = document.createElement('strong');
    strong.className = 'ms-2 me-auto';
    strong.textContent = title;
    header.appendChild(strong);
    const close = document.createElement('button');
    close.type = 'button';
    close.className = 'btn-close';
    close.setAttribute('data-bs-dismiss', 'toast');
    close.setAttribute('aria-label', 'Close');
    header.appendChild(close);

    const body = document.createElement('div');
    body.className = 'toast-body';
    body.textContent = message;
    toast.append(header, body);
    container.appendChild(toast);
    // Toasts remove themselves; the count stays, so a test (or a curious user) can tell how many were shown.
    container.dataset.toasts = String(Number(container.dataset.toasts || 0) + 1);
    toast.addEventListener('hidden.bs.toast', function () { toast.remove(); });
    new window.bootstrap.Toast(toast, { delay: 8000 }).show();
}

/** Number with at most `digits` decimals, without trailing zeros. */
export function formatNumber(value, digits) {
    if (value === null || value === undefined || !isFinite(value)) {
        return '–';
    }
    return Number(value).toLocaleString(undefined, { maximumFractionDigits: digits === undefined ? 1 : digits });
}

/** The REST API: each call returns the parsed JSON (null for 204) or throws an ApiError. */
export const api = {
    get: function (url) { return request('GET', url); },
    post: function (url, body) { return request('POST', url, body); },
    put: function (url, body) { return request('PUT', url, body); },
    del: function (url) { return request('DELETE', url); },
};

// Camera connection states, as the API and the `camera` hub event name them.
const cameraStates = {
    online: 'text-bg-success',
    reconnecting: 'text-bg-warning',
    connecting: 'text-bg-info',
    offline: 'text-bg-secondary',
};

/** The Bootstrap badge class of a camera state (CameraDto.BadgeClass on the server). */
export function cameraStateBadge(state) {
    return cameraStates[state] || cameraStates.offline;
}

/**
 * A SignalR connection to one of the portal's hubs (window.signalR, loaded by the page before its module), reconnecting
 * by itself; the caller registers its handlers, then starts it.
 */
export function hubConnection(url, options) {
    const builder = new window.signalR.HubConnectionBuilder().withUrl(url);
    if (!options || options.reconnect !== false) {
        builder.withAutomaticReconnect();
    }
    if (options && options.quiet) {
        // For callers that handle a failed connection themselves (e.g. by polling) and report it once.
        builder.configureLogging(window.signalR.LogLevel.None);
    }
    return builder.build();
}

// Canvas layers sit exactly over an image; their backing store follows the image's displayed size times the device
// pixel ratio so lines stay sharp on phones. Kept here because the zone editor and the live overlay both need it.

/** Resizes the canvas's pixels to the element's box; returns true when the size changed (then redraw). */
export function fitCanvas(canvas, element) {
    const ratio = window.devicePixelRatio || 1;
    const width = Math.max(1, Math.round(element.clientWidth * ratio));
    const height = Math.max(1, Math.round(element.clientHeight * ratio));
    if (canvas.width === width && canvas.height === height) {
        return false;
    }
    canvas.width = width;
    canvas.height = height;
    return true;
}

/** Calls back whenever the element's size changes (and once now). */
export function onResize(element, callback) {
    if (window.ResizeObserver) {
        new ResizeObserver(function () { callback(); }).observe(element);
    } else {
        window.addEventListener('resize', callback);
    }
    callback();
}

// The status badge and progress bar of a video page's header (Views/Dashboard/_VideoHeader.cshtml), shared by the
// Dashboard and Graphs pages. The badge words match StatusBadge.cs so server- and script-rendered states agree.
const ACTIVE = ['queued', 'analysing'];
const STATUS = {
    uploaded: ['text-bg-secondary', 'Not analysed'],
    queued: ['text-bg-info', 'Queued'],
    analysing: ['text-bg-primary', 'Analysing'],
    completed: ['text-bg-success', 'Analysed'],
    failed: ['text-bg-danger', 'Failed'],
    cancelled: ['text-bg-warning', 'Cancelled'],
};

export function isActiveStatus(status) {
    return ACTIVE.includes(status);
}

/** A status's badge: [Bootstrap class, words]. */
export function statusLook(status) {
    return STATUS[status] || STATUS.uploaded;
}

export class StatusView {
    constructor(header) {
        this.header = header;
        this.badge = header.querySelector('#status-badge');
        this.area = header.querySelector('#analysis-progress-area');
        this.progress = header.querySelector('#analysis-progress');
        this.bar = header.querySelector('#analysis-progress-bar');
        this.text = header.querySelector('#analysis-progress-text');
        this.setBar(Number(this.bar.dataset.percent) || 0);
    }

    setBar(percent) {
        // The CSP forbids style="" in markup, so the width is set here.
        this.bar.style.width = percent + '%';
        this.bar.textContent = percent + ' %';
        this.progress.setAttribute('aria-valuenow', String(percent));
    }

    /** details: the progress event ({framesAnalysed, fps, etaSeconds}) and justFinished to keep a full bar shown. */
    show(status, progress, details) {
        const look = statusLook(status);
        const active = isActiveStatus(status);
        this.badge.className = 'badge status-badge ' + look[0];
        this.badge.textContent = look[1];
        this.header.dataset.status = status;
        const percent = Math.round(Math.min(1, Math.max(0, progress || 0)) * 100);
        const showBar = active || (status === 'completed' && details && details.justFinished);
        this.area.classList.toggle('d-none', !showBar);
        this.setBar(status === 'completed' ? 100 : percent);
        this.bar.classList.toggle('progress-bar-animated', active);
        this.bar.classList.toggle('bg-success', status === 'completed');
        this.text.textContent = this.describe(status, details || {});
        // The last run's error (rendered by the server) is stale once a new run starts.
        const error = this.header.querySelector('#analysis-error');
        if (error && active) {
            error.remove();
        }
    }

    describe(status, d) {
        if (status === 'queued') {
            return 'Waiting for a free analysis slot…';
        }
        if (status !== 'analysing') {
            return status === 'completed' ? 'Analysis complete.' : '';
        }
        const parts = [];
        if (d.framesAnalysed) {
            parts.push(d.framesAnalysed + ' frames');
        }
        if (d.fps) {
            parts.push(formatNumber(d.fps, 1) + ' frames/s');
        }
        if (d.etaSeconds !== undefined && d.etaSeconds !== null && isFinite(d.etaSeconds)) {
            parts.push('about ' + formatTime(d.etaSeconds) + ' left');
        }
        return parts.join(' · ');
    }
}

